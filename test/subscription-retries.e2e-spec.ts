import { afterEach, describe, expect, it } from 'vitest';
import { CinnoxApiError, CinnoxMetrics, CinnoxNetworkError, type CinnoxModuleOptions } from 'nestjs-cinnox';
import { startHarness, type Harness } from './support/library-harness.js';

const FAST: Partial<CinnoxModuleOptions> = { timeoutMs: 300, retry: { retries: 5, baseDelayMs: 10, maxDelayMs: 50 } };

describe('the subscription client under faults', () => {
  let harness: Harness;
  afterEach(() => harness?.close());

  const patches = () => harness.simulator.requests.filter((request) => request.method === 'PATCH');

  it('rides out 429 -> 503 -> reset -> timeout and succeeds on the fifth attempt', async () => {
    harness = await startHarness(FAST);
    harness.simulator.failNext(
      { status: 429, headers: { 'Retry-After': '0' } },
      { status: 503 },
      { reset: true },
      { delayMs: 600, status: 500 },
    );

    const subscription = await harness.subscriptions.subscribe(harness.webhookUrl);

    expect(subscription).toMatchObject({ enabled: true, url: harness.webhookUrl });
    expect(harness.simulator.subscription()?.enabled).toBe(true);
    const attempts = await harness.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_subscription_attempts_total');
    expect(attempts).toContain('cinnox_subscription_attempts_total{hook="call",outcome="ok"} 5');
  });

  it('does not retry a 4xx other than 429', async () => {
    harness = await startHarness(FAST);
    harness.simulator.failNext({ status: 400, body: { code: 4001, message: 'url not allowed' } });

    const error = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 400, code: 4001, vendorMessage: 'url not allowed', attempts: 1 });
    expect(patches()).toHaveLength(1);
  });

  it('gives up after the last retry and says how many attempts were made', async () => {
    harness = await startHarness({ ...FAST, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    harness.simulator.failNext({ status: 503 }, { status: 502 }, { status: 500 });

    const error = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 500, attempts: 3, message: expect.stringContaining('after 3 attempts') });
    expect(patches()).toHaveLength(3);
  });

  it('honours Retry-After, capped by maxDelayMs', async () => {
    harness = await startHarness({ timeoutMs: 2000, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 60_000 } });
    harness.simulator.failNext({ status: 429, headers: { 'Retry-After': '1' } });
    const started = Date.now();
    await harness.subscriptions.subscribe(harness.webhookUrl);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    await harness.close();
    harness = await startHarness({ timeoutMs: 2000, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 20 } });
    harness.simulator.failNext({ status: 429, headers: { 'Retry-After': '3600' } });
    await expect(harness.subscriptions.subscribe(harness.webhookUrl)).resolves.toMatchObject({ enabled: true });
  });

  it('stops at the overall deadline with a timed-out network error', async () => {
    harness = await startHarness({ timeoutMs: 200, retry: { retries: 10, baseDelayMs: 1, maxDelayMs: 5, deadlineMs: 500 } });
    harness.simulator.failNext(...Array.from({ length: 11 }, () => ({ delayMs: 400, status: 500 })));

    const error = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxNetworkError);
    expect(error).toMatchObject({ timedOut: true });
    expect((error as CinnoxNetworkError).attempts).toBeLessThanOrEqual(3);
  });
});
