import { afterEach, describe, expect, it } from 'vitest';
import { CinnoxDedupeStore, CinnoxMemoryDedupeStore, CinnoxMetrics } from 'nestjs-cinnox';
import { callEndNotification, callStartNotification } from 'nestjs-cinnox/testing';
import { startHarness, type Harness } from './support/library-harness.js';

describe('redelivered notifications', () => {
  let harness: Harness;
  afterEach(() => harness?.close());

  it('acknowledges every copy but emits a (call id, status) once', async () => {
    harness = await startHarness();
    await harness.subscriptions.subscribe(harness.webhookUrl);
    const start = callStartNotification({ id: 'dup-1' });

    const last = await harness.simulator.deliver(start, { times: 3 });
    await harness.simulator.deliver(callEndNotification('dup-1'), { times: 2 });

    expect(last).toMatchObject({ status: 200, response: { code: 0, result: {} } });
    expect(harness.simulator.deliveries.filter((d) => d.status === 200)).toHaveLength(1 + 3 + 2);
    expect(harness.events.map((event) => `${event.name}:${event.payload.callId}`)).toEqual(['call.start:dup-1', 'call.end:dup-1']);
    const metrics = await harness.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_webhook_requests_total');
    expect(metrics).toContain('cinnox_webhook_requests_total{hook="call",outcome="duplicate"} 3');
    expect(metrics).toContain('cinnox_webhook_requests_total{hook="call",outcome="accepted"} 2');
  });

  it('emits a redelivery again once the dedupe window has passed', async () => {
    harness = await startHarness({ webhook: { dedupeTtlMs: 30 } });
    const start = callStartNotification({ id: 'dup-ttl' });

    await harness.post(start);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await harness.post(start);

    expect(harness.events).toHaveLength(2);
  });

  it('lets an invalid copy be rejected without spending the dedupe key', async () => {
    harness = await startHarness();
    const valid = callStartNotification({ id: 'dup-invalid' });
    const invalid = { message: { ...valid.message, serviceId: 42 } };

    expect((await harness.post(invalid)).status).toBe(400);
    expect((await harness.post(valid)).status).toBe(200);
    expect(harness.events).toHaveLength(1);
  });

  it('answers 503 (so CINNOX delivers again) when the dedupe store cannot answer, and emits once it can', async () => {
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
    harness = await startHarness({ webhook: { dedupeStore: store } });
    const notification = callStartNotification({ id: 'store-down' });

    const refused = await harness.post(notification);
    store.down = false;
    const accepted = await harness.post(notification);

    expect(refused).toEqual({ status: 503, body: { code: 503, message: expect.stringContaining('deliver again later') } });
    expect(accepted.status).toBe(200);
    expect(harness.events.map((event) => event.payload.callId)).toEqual(['store-down']);
  });
});
