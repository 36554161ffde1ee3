import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callEndNotification, callStartNotification, challengeRequest, type CallStartFixture } from '../hooks/call/call.fixtures.js';
import { conferenceNotification } from '../hooks/conference/conference.fixtures.js';
import { recordingNotification } from '../hooks/recording/recording.fixtures.js';
import type {
  CinnoxSimulatedCallOutcome,
  CinnoxSimulatedConference,
  CinnoxDelivery,
  CinnoxDeliveryOptions,
  CinnoxSimulatedFailure,
  CinnoxSimulatedSubscription,
  CinnoxSimulatorOptions,
  CinnoxSimulatorRequest,
} from './cinnox-simulator.interface.js';
import { CinnoxErrorCode } from '../errors/cinnox-error-code.js';
import { SimulatedRateLimit } from './simulated-rate-limit.js';
import { SimulatedReports } from './simulated-reports.js';
import { SeededDrops } from './seeded-drops.js';
import { describeError, isOk, parseJson, readJson, simulatedMessage, sleep } from './simulator-wire.js';

const SUBSCRIPTION_PATH = /^\/v1\/api\/apps\/([^/]+)\/([^/]+)-event-sub$/;
const REPORT_PATH = /^\/v1\/api\/apps\/([^/]+)\/(data\/[^/]+)$/;
const {
  TooManyRequests: TOO_MANY_REQUESTS,
  InvalidToken: INVALID_TOKEN,
  InvalidAppId: INVALID_APP_ID,
  MethodNotFound: METHOD_NOT_FOUND,
} = CinnoxErrorCode;

/**
 * A CINNOX stand-in on a real HTTP port: accepts `PATCH .../{hook}-event-sub` as the vendor page
 * describes, verifies webhook URLs with a random challenge, delivers calls (`placeCall`, `endCall`) and any
 * hook's notification (`deliver(body, { hook })`), ends conferences (`placeConference`), losing a chosen share of them (`dropRate`), and serves the
 * calls it placed as CINNOX's reports (`GET .../data/call-log`, `.../data/call-detail`).
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
  private readonly rateLimit: SimulatedRateLimit;
  private readonly rateLimitStatus: number;
  private address: { host: string; port: number };
  private challengesToRefuse = 0;
  private drops: SeededDrops;
  private readonly reports: SimulatedReports;
  private readonly unknownSubscriptionPaths: ReadonlySet<string>;

  private constructor(options: CinnoxSimulatorOptions) {
    this.appId = options.appId ?? 'sim-app';
    this.appToken = options.appToken ?? 'sim-token';
    this.webhookTimeoutMs = options.webhookTimeoutMs ?? 5000;
    this.rateLimit = new SimulatedRateLimit(options.requestsPerMinute ?? 500, options.rateLimitWindowMs ?? 60_000);
    this.rateLimitStatus = options.rateLimitStatus ?? 429;
    this.address = { host: options.host ?? '127.0.0.1', port: options.port ?? 0 };
    this.drops = new SeededDrops(options.dropRate ?? 0, options.dropSeed ?? 1);
    this.reports = new SimulatedReports({
      maxLimit: options.reportMaxLimit ?? 200,
      maxQueryDays: options.reportMaxQueryDays ?? 31,
      noRecordsStatus: options.noRecordsStatus ?? 404,
    });
    this.unknownSubscriptionPaths = new Set(options.unknownSubscriptionPaths ?? []);
    this.server = createServer((req, res) => void this.route(req, res));
  }

  /** Starts a simulator and resolves once it listens. */
  static async start(options: CinnoxSimulatorOptions = {}): Promise<CinnoxSimulator> {
    const simulator = new CinnoxSimulator(options);
    await simulator.start();
    return simulator;
  }

  /**
   * Listens again after `stop()`, on the same host and port (CINNOX coming back), keeping subscriptions
   * and records. Resolves once it listens.
   */
  async start(): Promise<void> {
    if (this.server.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.address.port, this.address.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const { address, port } = this.server.address() as AddressInfo;
    this.address = { host: address, port };
  }

  /** True while the simulator accepts connections. */
  get listening(): boolean {
    return this.server.listening;
  }

  /** Base URL to give `CinnoxModule` as `baseUrl` (the same after `stop()` and `start()`). */
  get baseUrl(): string {
    const { host, port } = this.address;
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  /** Forgets a hook's subscription, as CINNOX dropping it on its side; true when there was one. */
  dropSubscription(hook = 'call'): boolean {
    return this.subscriptions.delete(hook);
  }

  /** Fails the next `count` URL verifications with CINNOX's 400, as when the challenge did not come back. */
  refuseChallenges(count: number): void {
    this.challengesToRefuse += count;
  }

  /** The stored subscription of a hook, if any. */
  subscription(hook = 'call'): CinnoxSimulatedSubscription | undefined {
    return this.subscriptions.get(hook);
  }

  /** Makes the next API requests meet these faults, one each, in order, before any check. */
  failNext(...failures: CinnoxSimulatedFailure[]): void {
    this.failures.push(...failures);
  }

  /** Loses a share `rate` (0 to 1) of the webhook notifications from now on, drawn from `seed`. */
  dropDeliveries(rate: number, seed = 1): void {
    this.drops = new SeededDrops(rate, seed);
  }

  /**
   * Delivers a `CallStart` to the subscribed webhook and enters the call in the reports (once it ends);
   * resolves with the delivery and the call's id.
   */
  async placeCall(fixture: CallStartFixture = {}): Promise<CinnoxDelivery & { callId: string }> {
    const body = callStartNotification(fixture);
    const { id, serviceId, caller, callees } = body.message as { id: string; serviceId: string; caller?: object; callees?: object };
    this.reports.started(id, serviceId, caller, Array.isArray(callees) ? callees[0] : callees);
    return { ...(await this.deliver(body)), callId: id };
  }

  /**
   * Delivers a `CallEnd` for `callId` to the subscribed webhook; a call `placeCall()` placed then shows in the
   * reports, with `outcome`.
   */
  endCall(callId: string, serviceId?: string, outcome?: CinnoxSimulatedCallOutcome): Promise<CinnoxDelivery> {
    this.reports.ended(callId, outcome);
    return this.deliver(callEndNotification(callId, serviceId));
  }

  /**
   * Ends a conference call: delivers its `conference_end` to the subscribed conference hook, then (see
   * `recording`) its recording notification, `message.type` `conference` with the same id, to the recording hook.
   * CINNOX documents no conference start. Resolves with the conference's id and both deliveries.
   */
  async placeConference(
    conference: CinnoxSimulatedConference = {},
  ): Promise<{ conferenceId: string; delivery: CinnoxDelivery; recording?: CinnoxDelivery }> {
    const body = conferenceNotification({ id: conference.id, serviceId: conference.serviceId });
    const { id: conferenceId, serviceId } = body.message as { id: string; serviceId: string };
    const delivery = await this.deliver(body, { hook: 'conference' });
    const status = conference.recording ?? (this.subscriptions.get('recording')?.enabled ? 'success' : false);
    if (status === false) return { conferenceId, delivery };
    const recording = await this.deliver(recordingNotification({ id: conferenceId, recordingOf: 'conference', status, serviceId }), {
      hook: 'recording',
    });
    return { conferenceId, delivery, recording };
  }

  /** The call log as the report endpoint serves it: one record per ended call `placeCall()` placed. */
  callLogRecords(): Record<string, unknown>[] {
    return this.reports.callLog();
  }

  /** The call detail as the report endpoint serves it. */
  callDetailRecords(): Record<string, unknown>[] {
    return this.reports.callDetail();
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
      if (this.drops.next()) {
        delivery = { hook, url: subscription.url, body, dropped: true };
        this.deliveries.push(delivery);
        continue;
      }
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
    const [path = '/', search] = (req.url ?? '/').split('?');
    const query = search === undefined ? {} : { query: Object.fromEntries(new URLSearchParams(search)) };
    const failure = this.failures.shift();
    let body: unknown;
    let status: number;
    let reply: unknown;
    try {
      body = await readJson(req);
      if (failure?.delayMs) await sleep(failure.delayMs);
      if (failure?.reset) {
        this.requests.push({ method: req.method ?? '', path, ...query, authorization: req.headers.authorization, body, status: 0 });
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
    this.requests.push({ method: req.method ?? '', path, ...query, authorization: req.headers.authorization, body, status });
    if (res.destroyed) return;
    res.writeHead(status, { 'Content-Type': 'application/json', ...failure?.headers }).end(JSON.stringify(reply));
  }

  private async answer(req: IncomingMessage, path: string, body: unknown): Promise<[number, unknown]> {
    const report = REPORT_PATH.exec(path);
    const match = report ?? SUBSCRIPTION_PATH.exec(path);
    if (!match) return [404, { code: 404, message: `no such endpoint: ${path}` }];
    const method = report ? 'GET' : 'PATCH';
    if (req.method !== method) return [405, { code: 405, message: `use ${method} on ${path}` }];
    if (!this.rateLimit.take(req.headers.authorization ?? '')) {
      return [this.rateLimitStatus, { code: TOO_MANY_REQUESTS, message: 'Too many requests' }];
    }
    if (req.headers.authorization !== `Bearer ${this.appToken}`) {
      return [401, { code: INVALID_TOKEN, message: 'Invalid token' }];
    }
    if (decodeURIComponent(match[1]!) !== this.appId) return [404, { code: INVALID_APP_ID, message: 'Invalid appID' }];
    if (report) {
      const query = new URL(req.url ?? '/', 'http://simulator').searchParams;
      return this.reports.answer(report[2]!, query) ?? [404, { code: 6450001, message: `no such report: ${path}` }];
    }
    const hook = decodeURIComponent(match[2]!);
    if (this.unknownSubscriptionPaths.has(`${hook}-event-sub`)) {
      return [404, { code: METHOD_NOT_FOUND, message: `Method cannot be found, method: ${req.method} url: ${path}` }];
    }
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
    if (this.challengesToRefuse > 0) {
      this.challengesToRefuse--;
      return 'the challenge did not come back (refused by refuseChallenges())';
    }
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
