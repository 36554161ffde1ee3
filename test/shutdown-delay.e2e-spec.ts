import { Injectable } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { request } from 'node:http';
import { CinnoxOptionsError, OnCallStart } from 'nestjs-cinnox';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { describe, expect } from 'vitest';
import { cinnoxEnv, test } from './support/e2e.fixture.js';
import { HealthModule } from './support/health-module.js';
import { parseJsonOrText } from './support/parse-json-or-text.js';

// Issue 19, section 7: rolling restarts lose nothing. On app.close() (what SIGTERM runs), for
// shutdownDelayMs /health answers 503 while webhooks still answer 200; then the drain of shutdownGraceMs.

const DELAY_MS = 1000;
const GRACE_MS = 2000;

/** Holds the delivery of call `held` until `release()`; every other call passes at once. */
@Injectable()
class HeldListener {
  readonly done: string[] = [];
  readonly entered: Promise<void>;
  private enter!: () => void;
  private readonly leave: Promise<void>;
  release!: () => void;

  constructor() {
    this.entered = new Promise((resolve) => (this.enter = resolve));
    this.leave = new Promise((resolve) => (this.release = resolve));
  }

  @OnCallStart()
  async handle(event: { callId: string }): Promise<void> {
    if (event.callId === 'held') {
      this.enter();
      await this.leave;
    }
    this.done.push(event.callId);
  }
}

/** One request on its own connection (no keep-alive), so nothing pooled outlives the test. */
function send(url: string, method: 'GET' | 'POST', body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: parseJsonOrText(text) }));
    });
    req.on('error', reject).end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('shutdownDelayMs', () => {
  test('keeps answering webhooks 200 with /health at 503 for the delay, then drains within shutdownGraceMs after it', async ({
    startHost,
  }) => {
    const host = await startHost(
      { shutdownDelayMs: DELAY_MS, shutdownGraceMs: GRACE_MS, webhook: { awaitListeners: true } },
      { imports: [HealthModule], providers: [HeldListener] },
    );
    await host.subscribe();
    const listener = host.app.get(HeldListener);
    expect((await send(`${host.url}/health`, 'GET')).status).toBe(200);

    const started = performance.now();
    const closed = host.close();
    await expect.poll(async () => (await send(`${host.url}/health`, 'GET')).status).toBe(503);
    expect((await send(`${host.url}/health`, 'GET')).body.details['cinnox.call']).toMatchObject({
      status: 'down',
      shuttingDownSince: expect.any(String),
    });
    expect(await send(host.webhookUrl, 'POST', callStartNotification({ id: 'during-delay' }))).toEqual({
      status: 200,
      body: { code: 0, result: {} },
    });

    // Entered during the delay and released after it, later than a grace period counted from close() would
    // allow (GRACE_MS less a fifth): answered only if the grace period starts once the delay is over.
    const held = send(host.webhookUrl, 'POST', callStartNotification({ id: 'held' }));
    await listener.entered;
    const releaseAt = DELAY_MS + GRACE_MS * 0.4;
    setTimeout(() => listener.release(), Math.max(0, releaseAt - (performance.now() - started)));
    await closed;
    const closeMs = performance.now() - started;

    expect(await held).toEqual({ status: 200, body: { code: 0, result: {} } });
    expect(listener.done).toEqual(['during-delay', 'held']);
    // Node's timers count whole milliseconds: the release may fire up to 1 ms before performance.now() says.
    expect(closeMs).toBeGreaterThanOrEqual(releaseAt - 1);
    expect(closeMs).toBeLessThan(DELAY_MS + GRACE_MS);
  });

  test("refuses to start beside terminus's own gracefulShutdownTimeoutMs, naming the option to use instead", async ({ startHost }) => {
    const failure = await startHost({}, { imports: [TerminusModule.forRoot({ gracefulShutdownTimeoutMs: 3000 })] }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CinnoxOptionsError);
    expect(failure).toMatchObject({ option: 'shutdownDelayMs' });
    expect((failure as Error).message).toContain('set shutdownDelayMs: 3000');
  });

  test('the sample reads CINNOX_SHUTDOWN_DELAY_MS: /health at 503, webhooks at 200 during the delay', async ({
    simulator,
    startSample,
  }) => {
    const sample = await startSample({ ...cinnoxEnv(simulator), CINNOX_SHUTDOWN_DELAY_MS: String(DELAY_MS) });
    await sample.subscribe();
    expect((await send(`${sample.url}/health`, 'GET')).status).toBe(200);

    const started = performance.now();
    const closed = sample.close();
    await expect.poll(async () => (await send(`${sample.url}/health`, 'GET')).status).toBe(503);
    expect((await send(sample.webhookUrl, 'POST', callStartNotification({ id: 'sample-during-delay' }))).status).toBe(200);
    await closed;

    expect(performance.now() - started).toBeGreaterThanOrEqual(DELAY_MS);
    expect(sample.events.filter((event) => event.name === 'call.start').map((event) => event.payload.callId)).toContain(
      'sample-during-delay',
    );
  });
});
