import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callEndNotification, callStartNotification, challengeRequest, type CallStartFixture } from './call-event.fixtures.js';

/** @publicApi */
export interface CinnoxSimulatorOptions {
  /** App ID the simulator accepts. @default 'sim-app' */
  appId?: string;
  /** App token the simulator accepts as `Bearer`. @default 'sim-token' */
  appToken?: string;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** How long a webhook may take to answer a challenge or a notification. @default 5000 */
  webhookTimeoutMs?: number;
}

/** A subscription as the simulator stores it. @publicApi */
export interface CinnoxSimulatedSubscription {
  readonly hook: string;
  readonly enabled: boolean;
  readonly url: string;
  readonly updatedAt: string;
}

/** One API request the simulator received, with what it answered. @publicApi */
export interface CinnoxSimulatorRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
  readonly status: number;
}

/** One POST the simulator made to a webhook, with the webhook's answer. @publicApi */
export interface CinnoxDelivery {
  readonly hook: string;
  readonly url: string;
  readonly body: unknown;
  /** HTTP status the webhook answered; absent when it could not be reached. */
  readonly status?: number;
  /** The webhook's answer, parsed as JSON when it was JSON. */
  readonly response?: unknown;
  /** Why the delivery failed to get an answer (connection refused, timeout...). */
  readonly error?: string;
}

/**
 * A fault for the next API request, for testing the client's error paths. With only `delayMs`, the
 * request is answered normally after the delay.
 * @publicApi
 */
export interface CinnoxSimulatedFailure {
  /** Answer this status (and `body`, default `{ code: status, message }`) instead of handling the request. */
  status?: number;
  body?: unknown;
  /** Extra response headers, e.g. `{ 'Retry-After': '1' }`. */
  headers?: Record<string, string>;
  /** Wait this long before answering (longer than the client's timeout simulates a hang). */
  delayMs?: number;
  /** Destroy the connection without answering (ECONNRESET on the client). */
  reset?: boolean;
  /**
   * Echo the request body's `url` (the registered URL, `?token=` included) in the message, as a vendor
   * error message may: for testing that secrets are kept out of errors and logs.
   */
  echoUrl?: boolean;
}

/** How `deliver()` sends a body. @publicApi */
export interface CinnoxDeliveryOptions {
  /** The hook whose subscription URL is used. @default 'call' */
  hook?: string;
  /** Send the same body this many times in a row (CINNOX may deliver more than once). @default 1 */
  times?: number;
  /** Redeliver up to this many times while the webhook does not answer 2xx. @default 0 */
  retries?: number;
  /** Wait between redeliveries, in ms. @default 100 */
  retryDelayMs?: number;
}

const SUBSCRIPTION_PATH = /^\/v1\/api\/apps\/([^/]+)\/([^/]+)-event-sub$/;
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A CINNOX stand-in on a real HTTP port: accepts `PATCH .../{hook}-event-sub` as the vendor page
 * describes, verifies webhook URLs with a random challenge, and delivers call notifications.
 * @publicApi
 */
export class CinnoxSimulator {
  /** Every API request received, oldest first. */
  readonly requests: CinnoxSimulatorRequest[] = [];
  /** Every webhook delivery made (challenges included), oldest first. */
  readonly deliveries: CinnoxDelivery[] = [];

  readonly appId: string;
  readonly appToken: string;
  private readonly webhookTimeoutMs: number;
  private readonly subscriptions = new Map<string, CinnoxSimulatedSubscription>();
  private readonly failures: CinnoxSimulatedFailure[] = [];
  private readonly server: Server;

  private constructor(options: CinnoxSimulatorOptions) {
    this.appId = options.appId ?? 'sim-app';
    this.appToken = options.appToken ?? 'sim-token';
    this.webhookTimeoutMs = options.webhookTimeoutMs ?? 5000;
    this.server = createServer((req, res) => void this.route(req, res));
  }

  /** Starts a simulator and resolves once it listens. */
  static async start(options: CinnoxSimulatorOptions = {}): Promise<CinnoxSimulator> {
    const simulator = new CinnoxSimulator(options);
    await new Promise<void>((resolve, reject) => {
      simulator.server.once('error', reject);
      simulator.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return simulator;
  }

  /** Base URL to give `CinnoxModule` as `baseUrl`. */
  get baseUrl(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  /** The stored subscription of a hook, if any. */
  subscription(hook = 'call'): CinnoxSimulatedSubscription | undefined {
    return this.subscriptions.get(hook);
  }

  /** Makes the next API requests meet these faults, one each, in order, before any check. */
  failNext(...failures: CinnoxSimulatedFailure[]): void {
    this.failures.push(...failures);
  }

  /** Delivers a `CallStart` to the subscribed webhook; resolves with the delivery and the call's id. */
  async placeCall(fixture: CallStartFixture = {}): Promise<CinnoxDelivery & { callId: string }> {
    const body = callStartNotification(fixture);
    return { ...(await this.deliver(body)), callId: body.message.id as string };
  }

  /** Delivers a `CallEnd` for `callId` to the subscribed webhook. */
  endCall(callId: string, serviceId?: string): Promise<CinnoxDelivery> {
    return this.deliver(callEndNotification(callId, serviceId));
  }

  /**
   * POSTs any body to the hook's subscribed URL and records every answer; resolves with the last one.
   * Deliver an end before its start, or the same body twice, to test ordering and dedupe.
   */
  async deliver(body: unknown, options: CinnoxDeliveryOptions = {}): Promise<CinnoxDelivery> {
    const { hook = 'call', times = 1, retries = 0, retryDelayMs = 100 } = options;
    const subscription = this.subscriptions.get(hook);
    if (!subscription?.enabled) {
      throw new Error(`CinnoxSimulator: no enabled "${hook}" subscription to deliver to; subscribe a URL first.`);
    }
    let delivery!: CinnoxDelivery;
    for (let sent = 0; sent < times; sent++) {
      delivery = await this.post(hook, subscription.url, body);
      for (let retry = 0; retry < retries && !isOk(delivery); retry++) {
        await sleep(retryDelayMs);
        delivery = await this.post(hook, subscription.url, body);
      }
    }
    return delivery;
  }

  /** Stops listening and drops open connections. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async post(hook: string, url: string, body: unknown): Promise<CinnoxDelivery> {
    let delivery: CinnoxDelivery;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.webhookTimeoutMs),
      });
      const text = await response.text();
      delivery = { hook, url, body, status: response.status, response: parseJson(text) };
    } catch (error) {
      delivery = { hook, url, body, error: describeError(error) };
    }
    this.deliveries.push(delivery);
    return delivery;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const failure = this.failures.shift();
    let body: unknown;
    let status: number;
    let reply: unknown;
    try {
      body = await readJson(req);
      if (failure?.delayMs) await sleep(failure.delayMs);
      if (failure?.reset) {
        this.requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body, status: 0 });
        res.socket?.destroy();
        return;
      }
      [status, reply] =
        failure?.status !== undefined
          ? [failure.status, failure.body ?? { code: failure.status, message: simulatedMessage(failure, body) }]
          : await this.answer(req, path, body);
    } catch (error) {
      [status, reply] = [400, { code: 400, message: describeError(error) }];
    }
    this.requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body, status });
    if (res.destroyed) return;
    res.writeHead(status, { 'Content-Type': 'application/json', ...failure?.headers }).end(JSON.stringify(reply));
  }

  private async answer(req: IncomingMessage, path: string, body: unknown): Promise<[number, unknown]> {
    const match = SUBSCRIPTION_PATH.exec(path);
    if (!match) return [404, { code: 404, message: `no such endpoint: ${path}` }];
    if (req.method !== 'PATCH') return [405, { code: 405, message: `use PATCH on ${path}` }];
    if (req.headers.authorization !== `Bearer ${this.appToken}`) {
      return [401, { code: 401, message: 'invalid or missing app token' }];
    }
    if (decodeURIComponent(match[1]!) !== this.appId) return [404, { code: 404, message: 'app not found' }];
    const hook = decodeURIComponent(match[2]!);
    const change = body as { enabled?: unknown; url?: unknown } | null;
    if (typeof change !== 'object' || change === null || typeof change.enabled !== 'boolean') {
      return [400, { code: 400, message: 'enabled is required and must be a boolean' }];
    }
    if (typeof change.url !== 'string' || !/^https?:\/\/[^/]/.test(change.url)) {
      return [400, { code: 400, message: 'url is required and must be an http(s) URL' }];
    }
    if (change.enabled) {
      const problem = await this.verify(hook, change.url);
      if (problem) return [400, { code: 400, message: `webhook URL verification failed: ${problem}` }];
    }
    const subscription = { hook, enabled: change.enabled, url: change.url, updatedAt: new Date().toISOString() };
    this.subscriptions.set(hook, subscription);
    const { enabled, url, updatedAt } = subscription;
    return [200, { code: 0, result: { enabled, url, updatedAt } }];
  }

  /** Returns what was wrong with the webhook's answer to a fresh challenge, or undefined if it passed. */
  private async verify(hook: string, url: string): Promise<string | undefined> {
    const request = challengeRequest(randomUUID());
    const delivery = await this.post(hook, url, request);
    if (delivery.error) return delivery.error;
    if (delivery.status !== 200) return `the webhook answered HTTP ${delivery.status}`;
    const answer = delivery.response as { code?: unknown; result?: { challenge?: unknown } } | undefined;
    if (answer?.code !== 0 || answer.result?.challenge !== request.challenge) {
      return 'the webhook did not echo the challenge as {"code":0,"result":{"challenge":...}}';
    }
    return undefined;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('body is not valid JSON');
  }
}

function simulatedMessage(failure: CinnoxSimulatedFailure, body: unknown): string {
  const url = (body as { url?: unknown } | undefined)?.url;
  return failure.echoUrl ? `simulated failure for url ${String(url)}` : 'simulated failure';
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const isOk = (delivery: CinnoxDelivery): boolean => delivery.status !== undefined && delivery.status >= 200 && delivery.status < 300;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}
