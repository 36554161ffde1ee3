import { describe, expect } from 'vitest';
import { CinnoxDedupeStore, CinnoxMemoryDedupeStore, CinnoxMetrics } from 'nestjs-cinnox';
import { callEndNotification, callStartNotification } from 'nestjs-cinnox/testing';
import { test } from './support/e2e.fixture.js';

describe('redelivered notifications', () => {
  test('acknowledges every copy but emits a (call id, status) once', async ({ simulator, startHost }) => {
    const harness = await startHost();
    await harness.subscribe();
    const start = callStartNotification({ id: 'dup-1' });

    const last = await simulator.deliver(start, { times: 3 });
    await simulator.deliver(callEndNotification('dup-1'), { times: 2 });

    expect(last).toMatchObject({ status: 200, response: { code: 0, result: {} } });
    expect(simulator.deliveries.filter((d) => d.status === 200)).toHaveLength(1 + 3 + 2);
    expect(harness.events.map((event) => `${event.name}:${event.payload.callId}`)).toEqual(['call.start:dup-1', 'call.end:dup-1']);
    const metrics = await harness.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_webhook_requests_total');
    expect(metrics).toContain('cinnox_webhook_requests_total{hook="call",outcome="duplicate"} 3');
    expect(metrics).toContain('cinnox_webhook_requests_total{hook="call",outcome="accepted"} 2');
  });

  test('emits a redelivery again once the dedupe window has passed', async ({ startHost }) => {
    let now = 1_000_000;
    const dedupeStore = new CinnoxMemoryDedupeStore(100, () => now);
    const harness = await startHost({ webhook: { dedupeTtlMs: 30, dedupeStore } });
    const start = callStartNotification({ id: 'dup-ttl' });

    await harness.post(start);
    now += 29;
    await harness.post(start);
    expect(harness.events).toHaveLength(1);
    now += 1;
    await harness.post(start);

    expect(harness.events).toHaveLength(2);
  });

  test('lets an invalid copy be rejected without spending the dedupe key', async ({ startHost }) => {
    const harness = await startHost();
    const valid = callStartNotification({ id: 'dup-invalid' });
    const invalid = { message: { ...valid.message, serviceId: 42 } };

    expect((await harness.post(invalid)).status).toBe(400);
    expect((await harness.post(valid)).status).toBe(200);
    expect(harness.events).toHaveLength(1);
  });

  test('answers 503 (so CINNOX delivers again) when the dedupe store cannot answer, and emits once it can', async ({ startHost }) => {
    class FlakyStore extends CinnoxDedupeStore {
      down = true;
      private readonly memory = new CinnoxMemoryDedupeStore();
      async claim(key: string, ttlMs: number): Promise<boolean> {
        if (this.down) throw new Error('connection refused');
        return this.memory.claim(key, ttlMs);
      }
      release(key: string): void {
        this.memory.release(key);
      }
    }
    const store = new FlakyStore();
    const harness = await startHost({ webhook: { dedupeStore: store } });
    const notification = callStartNotification({ id: 'store-down' });

    const refused = await harness.post(notification);
    store.down = false;
    const accepted = await harness.post(notification);

    expect(refused).toEqual({ status: 503, body: { code: 503, message: expect.stringContaining('deliver again later') } });
    expect(accepted.status).toBe(200);
    expect(harness.events.map((event) => event.payload.callId)).toEqual(['store-down']);
  });
});
