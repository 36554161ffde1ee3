import { CINNOX_DEFAULT_WEBHOOK_PATH } from 'nestjs-cinnox';
import { randomBytes } from 'node:crypto';

/** The sample app's settings, read once from the environment. */
export interface AppConfig {
  /** The Nest HTTP adapter. */
  adapter: 'express' | 'fastify';
  /** inline: events emitted in the request; queue: through BullMQ on Redis (see CinnoxQueueModule). */
  mode: 'inline' | 'queue';
  /** Redis for queue mode (and the call journal). */
  redisUrl: string;
  /** Queue mode: run a worker in this process. */
  queueWorker: boolean;
  /** Queue mode: BullMQ key prefix. */
  queuePrefix: string;
  /** Queue mode: how soon a job whose worker died is retried (lock duration and stalled checks). */
  queueLockMs: number;
  port: number;
  host: string;
  /** External CINNOX settings, or undefined to run against the embedded simulator. */
  cinnox?: { baseUrl: string; appId: string; appToken: string };
  /** Public URL of this app's webhook; undefined means "do not subscribe". */
  webhookUrl?: string;
  /** How often the embedded simulator places a demo call; 0 turns the demo off. */
  demoIntervalMs: number;
  /** Shared secret carried as `?token=` by the registered webhook URL. */
  webhookSecret?: string;
  /** IPs/CIDRs allowed to call the webhook. */
  allowedSources?: string[];
  /** Unsubscribe the webhook when the app shuts down. */
  unsubscribeOnShutdown: boolean;
  /** A call started longer ago than this without an end is stale (the library's `calls.maxCallDurationMs`). */
  callMaxDurationMs: number;
}

/** Thrown at start-up for a bad variable; the message names it. */
export class AppConfigError extends Error {
  override readonly name = 'AppConfigError';
}

export function loadAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const adapter = (env.HTTP_ADAPTER || 'express').toLowerCase();
  if (adapter !== 'express' && adapter !== 'fastify') {
    throw new AppConfigError(`HTTP_ADAPTER must be "express" or "fastify", got "${env.HTTP_ADAPTER}".`);
  }
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const demoIntervalMs = readInt(env, 'CINNOX_DEMO_INTERVAL_MS', 3000, 0, 86_400_000);
  const webhookUrl = env.CINNOX_WEBHOOK_URL || undefined;
  if (webhookUrl !== undefined && !/^https?:\/\/[^/]/.test(webhookUrl)) {
    throw new AppConfigError(`CINNOX_WEBHOOK_URL must be an absolute http(s) URL, got "${webhookUrl}".`);
  }
  // The embedded demo always uses a secret, so the token path is exercised from the first run.
  const webhookSecret = env.CINNOX_WEBHOOK_SECRET || (env.CINNOX_BASE_URL ? undefined : randomBytes(24).toString('base64url'));
  if (webhookSecret !== undefined && webhookSecret.length < 16) {
    throw new AppConfigError('CINNOX_WEBHOOK_SECRET must be at least 16 characters long.');
  }
  const allowedSources = env.CINNOX_WEBHOOK_ALLOWED_SOURCES?.split(',')
    .map((source) => source.trim())
    .filter(Boolean);
  const unsubscribeOnShutdown = readBoolean(env, 'CINNOX_UNSUBSCRIBE_ON_SHUTDOWN');
  const mode = (env.CINNOX_MODE || 'inline').toLowerCase();
  if (mode !== 'inline' && mode !== 'queue') throw new AppConfigError(`CINNOX_MODE must be "inline" or "queue", got "${env.CINNOX_MODE}".`);
  const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\/[^/]/.test(redisUrl)) throw new AppConfigError(`REDIS_URL must be a redis:// URL, got "${redisUrl}".`);
  const queueWorker =
    env.CINNOX_QUEUE_WORKER === undefined || env.CINNOX_QUEUE_WORKER === '' ? true : readBoolean(env, 'CINNOX_QUEUE_WORKER');
  const queuePrefix = env.CINNOX_QUEUE_PREFIX || 'bull';
  const queueLockMs = readInt(env, 'CINNOX_QUEUE_LOCK_MS', 30_000, 100, 3_600_000);
  const callMaxDurationMs = readInt(env, 'CINNOX_CALL_MAX_DURATION_MS', 14_400_000, 1, 604_800_000);
  const common = {
    adapter: adapter as AppConfig['adapter'],
    mode: mode as AppConfig['mode'],
    redisUrl,
    queueWorker,
    queuePrefix,
    queueLockMs,
    port,
    host,
    webhookUrl,
    demoIntervalMs,
    webhookSecret,
    allowedSources,
    unsubscribeOnShutdown,
    callMaxDurationMs,
  };
  if (!env.CINNOX_BASE_URL) return common;
  for (const name of ['CINNOX_APP_ID', 'CINNOX_APP_TOKEN'] as const) {
    if (!env[name]) throw new AppConfigError(`${name} is required when CINNOX_BASE_URL is set.`);
  }
  return {
    ...common,
    cinnox: { baseUrl: env.CINNOX_BASE_URL, appId: env.CINNOX_APP_ID!, appToken: env.CINNOX_APP_TOKEN! },
  };
}

/** The URL the embedded simulator calls: this process, on loopback. */
export function localWebhookUrl(port: number): string {
  return `http://127.0.0.1:${port}/${CINNOX_DEFAULT_WEBHOOK_PATH}`;
}

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function readBoolean(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new AppConfigError(`${name} must be true or false, got "${env[name]}".`);
}
