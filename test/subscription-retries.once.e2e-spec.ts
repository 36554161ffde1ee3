import { describe, expect } from 'vitest';
import { CinnoxApiError, CinnoxMetrics, CinnoxNetworkError, type CinnoxModuleOptions } from 'nestjs-cinnox';
import { test } from './support/e2e.fixture.js';

const FAST: Partial<CinnoxModuleOptions> = { timeoutMs: 300, retry: { retries: 5, baseDelayMs: 10, maxDelayMs: 50 } };

describe('the subscription client under faults', () => {
  test('rides out 429 -> 503 -> reset -> timeout and succeeds on the fifth attempt', async ({ simulator, startHost }) => {
    const harness = await startHost(FAST);
    simulator.failNext({ status: 429, headers: { 'Retry-After': '0' } }, { status: 503 }, { reset: true }, { delayMs: 600, status: 500 });

    const subscription = await harness.subscribe();

    expect(subscription).toMatchObject({ enabled: true, url: harness.webhookUrl });
    expect(simulator.subscription()?.enabled).toBe(true);
    const attempts = await harness.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_subscription_attempts_total');
    expect(attempts).toContain('cinnox_subscription_attempts_total{hook="call",outcome="ok"} 5');
  });

  test('does not retry a 4xx other than 429', async ({ simulator, startHost }) => {
    const harness = await startHost(FAST);
    simulator.failNext({ status: 400, body: { code: 4001, message: 'url not allowed' } });

    const error = await harness.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 400, code: 4001, vendorMessage: 'url not allowed', attempts: 1 });
    expect(simulator.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
  });

  test('gives up after the last retry and says how many attempts were made', async ({ simulator, startHost }) => {
    const harness = await startHost({ ...FAST, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    simulator.failNext({ status: 503 }, { status: 502 }, { status: 500 });

    const error = await harness.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 500, attempts: 3, message: expect.stringContaining('after 3 attempts') });
    expect(simulator.requests.filter((request) => request.method === 'PATCH')).toHaveLength(3);
  });

  test('honours Retry-After, capped by maxDelayMs', async ({ simulator, startHost }) => {
    const harness = await startHost({ timeoutMs: 2000, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 60_000 } });
    simulator.failNext({ status: 429, headers: { 'Retry-After': '1' } });
    const started = Date.now();
    await harness.subscribe();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    await harness.close();
    const capped = await startHost({ timeoutMs: 2000, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 20 } });
    simulator.failNext({ status: 429, headers: { 'Retry-After': '3600' } });
    await expect(capped.subscribe()).resolves.toMatchObject({ enabled: true });
  });

  test('stops at the overall deadline with a timed-out network error', async ({ simulator, startHost }) => {
    const harness = await startHost({ timeoutMs: 200, retry: { retries: 10, baseDelayMs: 1, maxDelayMs: 5, deadlineMs: 500 } });
    simulator.failNext(...Array.from({ length: 11 }, () => ({ delayMs: 400, status: 500 })));

    const error = await harness.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxNetworkError);
    expect(error).toMatchObject({ timedOut: true });
    expect((error as CinnoxNetworkError).attempts).toBeLessThanOrEqual(3);
  });
});
