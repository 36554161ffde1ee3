import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxRequestBudget, type CinnoxRequestKind } from './cinnox-request-budget.js';

const budget = (requestsPerMinute: number, burst: number, subscriptionReserve: number) =>
  new CinnoxRequestBudget({ requestBudget: { requestsPerMinute, burst, subscriptionReserve } } as CinnoxResolvedOptions);

describe('CinnoxRequestBudget', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('never starts more than requestsPerMinute calls in any 60 seconds, however many wait', async () => {
    const bucket = budget(10, 4, 1);
    const started: number[] = [];
    const take = (kind: CinnoxRequestKind) => bucket.take(kind).then(() => started.push(Date.now()));
    const all = Array.from({ length: 40 }, (_, i) => take(i % 3 === 0 ? 'subscription' : 'report'));

    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await Promise.all(all);

    expect(started).toHaveLength(40);
    for (const at of started) expect(started.filter((other) => other >= at && other < at + 60_000).length).toBeLessThanOrEqual(10);
  });

  it('lets a subscription take the reserve and go ahead of waiting reports', async () => {
    const bucket = budget(4, 3, 1);
    const order: string[] = [];
    const take = (kind: CinnoxRequestKind, name: string) => bucket.take(kind).then(() => order.push(name));
    const reports = [take('report', 'r1'), take('report', 'r2'), take('report', 'r3')];
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['r1', 'r2']);

    const subscription = take('subscription', 's1');
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['r1', 'r2', 's1']);
    // The next subscription waits for a token, and still goes before the report that waited longer.
    const next = take('subscription', 's2');
    await vi.advanceTimersByTimeAsync(300_000);
    await Promise.all([...reports, subscription, next]);
    expect(order).toEqual(['r1', 'r2', 's1', 's2', 'r3']);
  });

  it('cancels a waiting report when its signal aborts, or when the app shuts down', async () => {
    const bucket = budget(4, 3, 2);
    await bucket.take('report');
    const controller = new AbortController();
    const aborted = bucket.take('report', controller.signal);
    const closed = bucket.take('report');
    expect(bucket.waitingReports).toBe(2);

    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    bucket.beforeApplicationShutdown();
    await expect(closed).rejects.toThrow('the app is shutting down');
    await expect(bucket.take('report')).rejects.toThrow('the app is shutting down');
    await expect(bucket.take('subscription')).resolves.toBeUndefined();
    expect(bucket.waitingReports).toBe(0);
  });
});
