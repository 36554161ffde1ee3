import { describe, expect } from 'vitest';
import { CinnoxApiError, CinnoxMetrics, CinnoxStatus, type CinnoxModuleOptions } from 'nestjs-cinnox';
import { CinnoxHealthIndicator } from 'nestjs-cinnox/health';
import type { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { TerminusModule } from '@nestjs/terminus';
import { startSimulator, test as e2eTest, webhookUrlOf, type E2eHost, type LibraryHostExtras } from './support/e2e.fixture.js';
import { LogRecorder } from './support/log-recorder.js';
import { SubscriptionRecorder } from './support/subscription-recorder.js';

// The `subscription` option over real HTTP: the library subscribes its own webhook once the server
// listens, and keeps it subscribed through CINNOX outages, refused challenges, drops and throttling.
// Once, on Express: how it learns that the server listens, on each adapter, is subscription-listen.e2e-spec.ts.

const SECRET = 'the-webhook-secret-0123';
const FAST = { initialDelayMs: 20, maxDelayMs: 100 };
/** The client gives up at once, so every retry seen is the lifecycle's own. */
const NO_CLIENT_RETRY: Partial<CinnoxModuleOptions> = { retry: { retries: 0 } };

// The host under test, the simulator it calls and its logs, for the helpers below (tests in a file run one by one).
let harness: E2eHost | undefined;
let cinnox: CinnoxSimulator;
let logs: LogRecorder;

/** `start(subscription, options, extras)`: the library host with the lifecycle on, pointed at the test's simulator. */
const test = e2eTest.extend(
  'start',
  ({ simulator, startHost }) =>
    async (
      subscription: CinnoxModuleOptions['subscription'],
      options: Partial<CinnoxModuleOptions> = {},
      extra: LibraryHostExtras = {},
    ) => {
      logs = new LogRecorder();
      cinnox = extra.simulator ?? simulator;
      harness = await startHost(
        { ...NO_CLIENT_RETRY, subscription: { url: webhookUrlOf, backoff: FAST, ...subscription }, ...options },
        { providers: [SubscriptionRecorder, CinnoxHealthIndicator], imports: [TerminusModule], logger: logs, ...extra },
      );
      return harness;
    },
);

describe('the subscription lifecycle', () => {
  const recorder = () => harness!.app.get(SubscriptionRecorder);
  const patches = () => cinnox.requests.filter((request) => request.method === 'PATCH');
  const lifecycle = () => harness!.app.get(CinnoxStatus).lifecycle('call');

  test('starts while CINNOX is down, reports degraded, and subscribes once CINNOX comes up on the same port', async ({
    simulator,
    start,
  }) => {
    await simulator.stop();
    await start({}, { webhook: { secret: SECRET } });
    const metrics = harness!.app.get(CinnoxMetrics).registry;
    const unreachable = async () =>
      Number(/outcome="unreachable"} (\d+)/.exec(await metrics.getSingleMetricAsString('cinnox_subscription_calls_total'))?.[1] ?? 0);

    await expect.poll(unreachable).toBeGreaterThanOrEqual(3);
    expect(lifecycle()).toMatchObject({ state: 'retrying', lastError: expect.stringContaining('could not be reached') });
    const health = harness!.app.get(CinnoxHealthIndicator).check('cinnox');
    expect(health['cinnox.call']).toMatchObject({
      status: 'degraded',
      state: 'retrying',
      refreshIntervalMs: 3_600_000,
      maxSilenceMs: null,
    });

    await simulator.start();
    await expect.poll(() => simulator.subscription()?.enabled).toBe(true);
    await expect.poll(() => lifecycle()?.state).toBe('active');
    expect(harness!.app.get(CinnoxHealthIndicator).check('cinnox')['cinnox.call']).toMatchObject({ status: 'up', state: 'active' });
    // One event and one log line per state change, not per attempt.
    expect(recorder().states).toEqual(['subscribing', 'retrying', 'active']);
    expect(recorder().events[1]).toMatchObject({ hook: 'call', previousState: 'subscribing', url: harness!.webhookUrl });
    expect(logs.of('CinnoxSubscription').map((line) => line.level)).toEqual(['log', 'warn', 'log']);
    expect(logs.of('CinnoxSubscription')[1]!.message).toContain('Retrying with backoff (at most 100 ms apart)');
    // The subscribed URL carries the webhook's token; what the event and the logs show does not.
    expect(new URL(simulator.subscription()!.url).searchParams.get('token')).toBe(SECRET);
    expect(JSON.stringify([recorder().events, logs.lines, harness!.app.get(CinnoxStatus).lifecycle()])).not.toContain(SECRET);
  });

  test('retries a refused challenge (CINNOX answers 400) until the verification passes', async ({ simulator, start }) => {
    simulator.refuseChallenges(2);
    await start({});

    await expect.poll(() => lifecycle()?.state).toBe('active');
    expect(patches().map((request) => request.status)).toEqual([400, 400, 200]);
    expect(recorder().states).toEqual(['subscribing', 'retrying', 'active']);
    expect(recorder().events[1]!.lastError).toBeInstanceOf(CinnoxApiError);
    expect(recorder().events[1]!.lastError!.message).toContain('the challenge did not come back');
  });

  test('restores a subscription CINNOX dropped at the next refresh, without a state change', async ({ start }) => {
    await start({ refreshIntervalMs: 200 });
    await expect.poll(() => cinnox.subscription()?.enabled).toBe(true);

    expect(cinnox.dropSubscription()).toBe(true);
    expect(cinnox.subscription()).toBeUndefined();

    await expect.poll(() => cinnox.subscription()?.enabled).toBe(true);
    expect(patches().length).toBeGreaterThanOrEqual(2);
    expect(recorder().states).toEqual(['subscribing', 'active']);
    const delivery = await cinnox.placeCall();
    expect(delivery.status).toBe(200);
  });

  test('re-confirms after maxSilenceMs without a notification', async ({ start }) => {
    await start({ maxSilenceMs: 200 });
    await expect.poll(() => lifecycle()?.state).toBe('active');
    const challenges = () => cinnox.deliveries.filter((delivery) => 'challenge' in (delivery.body as object)).length;

    await expect.poll(() => patches().length).toBeGreaterThanOrEqual(3);
    expect(patches().every((request) => request.status === 200)).toBe(true);
    expect(challenges()).toBe(patches().length);
    expect(recorder().states).toEqual(['subscribing', 'active']);
  });

  test("retries CINNOX's rate-limit code 6451010 whatever the HTTP status", async ({ simulator, start }) => {
    // A 403 would mean a bad token (given up on); with 6451010 it is throttling, and retried.
    simulator.failNext({ status: 400, body: { code: 6451010, message: 'Too many requests' } }, { status: 403, body: { code: 6451010 } });
    await start({});

    await expect.poll(() => lifecycle()?.state).toBe('active');
    expect(patches().map((request) => request.status)).toEqual([400, 403, 200]);
    expect(recorder().states).toEqual(['subscribing', 'retrying', 'active']);
    expect((recorder().events[1]!.lastError as CinnoxApiError).isRateLimited).toBe(true);
  });

  test.for([
    ['the client gives up at once', { retries: 0 }, false],
    ['the client retries', { retries: 5, baseDelayMs: 100, maxDelayMs: 400 }, true],
  ] as const)('the simulator enforces its per-token limit with 6451010: %s', async ([, retry, rides], { startHost }) => {
    cinnox = await startSimulator({ requestsPerMinute: 1, rateLimitWindowMs: 300 });
    harness = await startHost({ retry }, { simulator: cinnox });
    await harness.subscriptions.subscribe(harness.webhookUrl);

    const second = harness.subscriptions.subscribe(harness.webhookUrl);
    if (rides) await expect(second).resolves.toMatchObject({ enabled: true });
    else await expect(second).rejects.toMatchObject({ status: 429, code: 6451010, isRateLimited: true });
    expect(patches()[1]).toMatchObject({ status: 429 });
  });

  test('gives up on an invalid token (6452000): state failed, one error line saying what to fix', async ({ start }) => {
    await start({}, { appToken: 'not-the-token' });

    await expect.poll(() => lifecycle()?.state).toBe('failed');
    expect(patches()).toHaveLength(1);
    expect(recorder().states).toEqual(['subscribing', 'failed']);
    const lines = logs.of('CinnoxSubscription');
    expect(lines.map((line) => line.level)).toEqual(['log', 'error']);
    expect(lines[1]!.message).toContain('Fix the "appToken" option');
    expect(lines.map((line) => line.message).join('\n')).not.toContain('not-the-token');
  });
});
