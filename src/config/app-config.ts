import { CINNOX_HOOKS, type CinnoxHookName } from 'nestjs-cinnox';
import { randomBytes } from 'node:crypto';
import { AppConfigError, readBoolean, readChoice, readInt, readNumber } from './read-env.js';

export { AppConfigError } from './read-env.js';

/** The sample's log levels, each including those before it (and `fatal`). */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Node HTTP server settings the sample applies (see README, "Server settings"). */
export interface ServerSettings {
  /** Longest a whole request may take to arrive (Node's `requestTimeout`). */
  requestTimeoutMs: number;
  /** Longest the request headers may take (Node's `headersTimeout`); at most `requestTimeoutMs`. */
  headersTimeoutMs: number;
  /** How long an idle keep-alive connection is kept (Node's `keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /** Connections held at once; more are refused (Node's `maxConnections`). 0: no limit. */
  maxConnections: number;
}

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
  /** The CINNOX hooks received (the module's `hooks`); the embedded demo defaults to all of them, else `call`. */
  hooks: CinnoxHookName[];
  /** Public URL of this app's call webhook; wins over `publicUrl` for the call hook. */
  webhookUrl?: string;
  /** Public base URL of this app, each hook's webhook URL derived from it; neither set: do not subscribe. */
  publicUrl?: string;
  /** How often the embedded simulator places a demo call; 0 turns the demo off. */
  demoIntervalMs: number;
  /** Shared secret carried as `?token=` by the registered webhook URL. */
  webhookSecret?: string;
  /** IPs/CIDRs allowed to call the webhook. */
  allowedSources?: string[];
  /** Unsubscribe the webhook when the app shuts down. */
  unsubscribeOnShutdown: boolean;
  /** How often the library re-confirms the subscription, in ms (unset: the library's 1 h). */
  subscriptionRefreshMs?: number;
  /** Re-confirm the subscription after this long without a notification, in ms (unset: never). */
  subscriptionMaxSilenceMs?: number;
  /** How long a graceful stop may take (the library's `shutdownGraceMs`). */
  shutdownGraceMs: number;
  /** How long a graceful stop keeps serving, with /health at 503, before it drains (the library's `shutdownDelayMs`). */
  shutdownDelayMs: number;
  server: ServerSettings;
  /** The most detailed level logged; `log` is the default. */
  logLevel: (typeof LOG_LEVELS)[number];
  /** text (Nest's coloured lines, colour only on a terminal) or json (one object per line). */
  logFormat: 'text' | 'json';
  /** A call started longer ago than this without an end is stale (the library's `calls.maxCallDurationMs`). */
  callMaxDurationMs: number;
  /** Where the delivery log and the calls are kept (see DatabaseSettings). */
  database: DatabaseSettings;
  /** The library's delivery log: on (in the database) unless CINNOX_DELIVERY_LOG=off. */
  deliveryLog: { enabled: boolean; retentionMs?: number };
  /** Bearer token of the admin routes; unset: the routes do not exist. */
  adminToken?: string;
  /** The call-start listener throws for call ids starting with this (a failure to see logged and replayed). */
  failCallPrefix?: string;
  /** How often this replica writes its coverage heartbeat (the library's `coverage.heartbeatIntervalMs`). */
  coverageHeartbeatMs: number;
  /** Settle completed calls with CINNOX's reports this long after their end (`calls.settle.delayMs`); unset: off. */
  settleDelayMs?: number;
  /** Embedded mode: the share of webhook notifications the simulator loses (0 to 1). */
  simulatorDropRate: number;
  /** OTLP over HTTP: the collector's base URL (traces go to `<url>/v1/traces`) and this app's service name; unset: no tracing. */
  otlp?: { endpoint: string; serviceName: string };
  /** Reconcile the last hour with CINNOX's call log this often (`reconcile.intervalMs`); unset: no periodic pass. */
  reconcileIntervalMs?: number;
}

/** The sample's PostgreSQL: a real server at `url`, else an embedded PGlite in `dataDir`. */
export interface DatabaseSettings {
  url?: string;
  dataDir: string;
  /** The schema the library's tables go in. */
  schema: string;
}

export function loadAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const adapter = (env.HTTP_ADAPTER || 'express').toLowerCase();
  if (adapter !== 'express' && adapter !== 'fastify') {
    throw new AppConfigError(`HTTP_ADAPTER must be "express" or "fastify", got "${env.HTTP_ADAPTER}".`);
  }
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const demoIntervalMs = readInt(env, 'CINNOX_DEMO_INTERVAL_MS', 3000, 0, 86_400_000);
  const webhookUrl = readHttpUrl(env, 'CINNOX_WEBHOOK_URL');
  const publicUrl = readHttpUrl(env, 'CINNOX_PUBLIC_URL')?.replace(/\/+$/, '');
  const hooks = readHooks(env, env.CINNOX_BASE_URL ? ['call'] : [...CINNOX_HOOKS]);
  const needsPublicUrl = hooks.filter((hook) => hook !== 'call');
  if (env.CINNOX_BASE_URL && webhookUrl !== undefined && publicUrl === undefined && needsPublicUrl.length > 0) {
    throw new AppConfigError(
      `CINNOX_PUBLIC_URL is needed to subscribe ${needsPublicUrl.join(', ')} (CINNOX_HOOKS); CINNOX_WEBHOOK_URL serves the call hook only.`,
    );
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
  const subscriptionRefreshMs = readOptionalInt(env, 'CINNOX_SUBSCRIPTION_REFRESH_MS', 100, 2_147_483_647);
  const subscriptionMaxSilenceMs = readOptionalInt(env, 'CINNOX_SUBSCRIPTION_MAX_SILENCE_MS', 100, 2_147_483_647);
  const mode = readChoice(env, 'CINNOX_MODE', ['inline', 'queue']);
  const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\/[^/]/.test(redisUrl)) throw new AppConfigError(`REDIS_URL must be a redis:// URL, got "${redisUrl}".`);
  const queueWorker =
    env.CINNOX_QUEUE_WORKER === undefined || env.CINNOX_QUEUE_WORKER === '' ? true : readBoolean(env, 'CINNOX_QUEUE_WORKER');
  const queuePrefix = env.CINNOX_QUEUE_PREFIX || 'bull';
  const queueLockMs = readInt(env, 'CINNOX_QUEUE_LOCK_MS', 30_000, 100, 3_600_000);
  const callMaxDurationMs = readInt(env, 'CINNOX_CALL_MAX_DURATION_MS', 14_400_000, 1, 604_800_000);
  // The standard OpenTelemetry variables.
  const otlpEndpoint = readHttpUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT')?.replace(/\/+$/, '');
  const otlp =
    otlpEndpoint === undefined ? undefined : { endpoint: otlpEndpoint, serviceName: env.OTEL_SERVICE_NAME || 'nestjs-cinnox-sample' };
  const common = {
    adapter: adapter as AppConfig['adapter'],
    mode,
    redisUrl,
    queueWorker,
    queuePrefix,
    queueLockMs,
    port,
    host,
    hooks,
    webhookUrl,
    publicUrl,
    demoIntervalMs,
    webhookSecret,
    allowedSources,
    unsubscribeOnShutdown,
    subscriptionRefreshMs,
    subscriptionMaxSilenceMs,
    shutdownGraceMs: readInt(env, 'CINNOX_SHUTDOWN_GRACE_MS', 5000, 100, 600_000),
    shutdownDelayMs: readInt(env, 'CINNOX_SHUTDOWN_DELAY_MS', 0, 0, 600_000),
    server: readServerSettings(env),
    logLevel: readChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'log'),
    logFormat: readChoice(env, 'LOG_FORMAT', ['text', 'json']),
    callMaxDurationMs,
    database: readDatabaseSettings(env),
    deliveryLog: {
      enabled: readChoice(env, 'CINNOX_DELIVERY_LOG', ['on', 'off']) === 'on',
      retentionMs: readOptionalInt(env, 'CINNOX_DELIVERY_LOG_RETENTION_MS', 1000, 31_536_000_000),
    },
    adminToken: readAdminToken(env),
    failCallPrefix: env.SAMPLE_FAIL_CALL_PREFIX || undefined,
    coverageHeartbeatMs: readInt(env, 'CINNOX_COVERAGE_HEARTBEAT_MS', 1000, 10, 3_600_000),
    settleDelayMs: readOptionalInt(env, 'CINNOX_SETTLE_DELAY_MS', 1, 2_147_483_647),
    simulatorDropRate: readNumber(env, 'CINNOX_SIMULATOR_DROP_RATE', 0, 0, 1),
    otlp,
    reconcileIntervalMs: readOptionalInt(env, 'CINNOX_RECONCILE_INTERVAL_MS', 1, 2_147_483_647),
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

/** This process's base URL on loopback, as the embedded simulator reaches it. */
export function localBaseUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

function readServerSettings(env: NodeJS.ProcessEnv): ServerSettings {
  const requestTimeoutMs = readInt(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 1000, 3_600_000);
  const headersTimeoutMs = readInt(env, 'HTTP_HEADERS_TIMEOUT_MS', Math.min(10_000, requestTimeoutMs), 1000, 3_600_000);
  // Node refuses a headers timeout longer than the request timeout.
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new AppConfigError(
      `HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs}).`,
    );
  }
  return {
    requestTimeoutMs,
    headersTimeoutMs,
    keepAliveTimeoutMs: readInt(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5000, 0, 600_000),
    maxConnections: readInt(env, 'HTTP_MAX_CONNECTIONS', 10_000, 0, 1_000_000),
  };
}

function readDatabaseSettings(env: NodeJS.ProcessEnv): DatabaseSettings {
  const url = env.DATABASE_URL || undefined;
  if (url !== undefined && !/^postgres(ql)?:\/\/./.test(url)) {
    throw new AppConfigError('DATABASE_URL must be a postgres:// URL.');
  }
  const schema = env.CINNOX_DB_SCHEMA || 'cinnox';
  // The library's stores take a plain lowercase identifier: refused here, before anything opens.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new AppConfigError(`CINNOX_DB_SCHEMA must be a lowercase identifier (a-z, 0-9, _), got "${schema}".`);
  }
  return { url, dataDir: env.CINNOX_DATA_DIR || './data/cinnox', schema };
}

function readAdminToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.ADMIN_TOKEN || undefined;
  if (token !== undefined && token.length < 16) throw new AppConfigError('ADMIN_TOKEN must be at least 16 characters long.');
  return token;
}

function readHttpUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const url = env[name] || undefined;
  if (url !== undefined && !/^https?:\/\/[^/]/.test(url)) {
    throw new AppConfigError(`${name} must be an absolute http(s) URL, got "${url}".`);
  }
  return url;
}

// A comma list of CINNOX's hook names; unset or empty gives `fallback`.
function readHooks(env: NodeJS.ProcessEnv, fallback: CinnoxHookName[]): CinnoxHookName[] {
  const names = (env.CINNOX_HOOKS ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) return fallback;
  const unknown = names.filter((name) => !(CINNOX_HOOKS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new AppConfigError(
      `CINNOX_HOOKS lists ${unknown.map((name) => `"${name}"`).join(', ')}; known hooks: ${CINNOX_HOOKS.join(', ')}.`,
    );
  }
  return [...new Set(names)] as CinnoxHookName[];
}

function readOptionalInt(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  return env[name] === undefined || env[name] === '' ? undefined : readInt(env, name, 0, min, max);
}
