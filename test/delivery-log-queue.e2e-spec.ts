import { BullModule } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import { CinnoxDeliveryLog, CinnoxMemoryDeliveryLogStore, CinnoxReplay, OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import { CinnoxQueueModule } from 'nestjs-cinnox/queue';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test } from './support/e2e.fixture.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

const reachable = await redisAvailable('the delivery log queue-mode tests');
const POLL = { timeout: 10_000 };

/** Fails for calls whose id starts with `dead-`, until fixed. */
@Injectable()
class DeadListener {
  broken = true;
  readonly heard: CallStartEvent[] = [];

  @OnCallStart()
  onStart(event: CallStartEvent): void {
    this.heard.push(event);
    if (this.broken && event.callId.startsWith('dead-')) throw new Error(`broken for ${event.callId}`);
  }
}

describe.skipIf(!reachable)('the delivery log in queue mode (BullMQ on the real Redis)', () => {
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await deleteRedisKeys(`${prefix}:*`);
  });

  test('a job is queued, then delivered or dead-lettered (not failed while it retries); a failedOnly replay re-dispatches the dead letter', async ({
    startHost,
  }) => {
    const prefix = `cinnox-test-${randomUUID()}`;
    prefixes.push(prefix);
    const store = new CinnoxMemoryDeliveryLogStore();
    const host = (worker: boolean) =>
      startHost(
        { deliveryLog: { store, flushIntervalMs: 10 } },
        {
          providers: [DeadListener],
          imports: [
            BullModule.forRoot({ connection: redisConnection(), prefix }),
            CinnoxQueueModule.forRoot({ worker, attempts: 3, backoffMs: 300 }),
          ],
        },
      );
    // The webhook alone first: its entries stay queued until a worker takes the jobs.
    const webhook = await host(false);
    for (const id of ['live-1', 'dead-1']) expect((await webhook.post(callStartNotification({ id }))).status).toBe(200);
    const entries = async () => (await webhook.app.get(CinnoxDeliveryLog).list()).entries;
    await expect
      .poll(async () => (await entries()).map((entry) => [entry.callId, entry.outcome]), POLL)
      .toEqual([
        ['live-1', 'queued'],
        ['dead-1', 'queued'],
      ]);
    // A replay leaves queued deliveries to the workers that own them.
    expect(await webhook.app.get(CinnoxReplay).replay()).toBe(0);

    const workerHost = await host(true);
    const listener = workerHost.app.get(DeadListener);
    await expect.poll(async () => (await entries()).find((entry) => entry.callId === 'live-1')?.outcome, POLL).toBe('delivered');
    // Retrying (the listener failed once, attempts left): still queued, never failed.
    await expect.poll(() => listener.heard.filter((event) => event.callId === 'dead-1').length, POLL).toBeGreaterThanOrEqual(1);
    expect((await entries()).find((entry) => entry.callId === 'dead-1')?.outcome).toBe('queued');
    await expect.poll(async () => (await entries()).find((entry) => entry.callId === 'dead-1')?.outcome, POLL).toBe('dead-lettered');
    expect(listener.heard.filter((event) => event.callId === 'dead-1')).toHaveLength(3);
    const dead = (await entries()).find((entry) => entry.callId === 'dead-1')!;
    expect(dead).toMatchObject({ failures: [{ event: 'call.start', listener: 1, error: 'broken for dead-1' }], duplicate: false });

    // A redelivery of a job the queue still holds changes nothing: one entry, still dead-lettered.
    expect((await webhook.post(callStartNotification({ id: 'dead-1' }))).status).toBe(200);
    await expect.poll(() => webhook.app.get(CinnoxDeliveryLog).buffered, POLL).toBe(0);
    expect((await entries()).map((entry) => [entry.callId, entry.outcome])).toEqual([
      ['live-1', 'delivered'],
      ['dead-1', 'dead-lettered'],
    ]);

    listener.broken = false;
    expect(await workerHost.app.get(CinnoxReplay).replay({ failedOnly: true })).toBe(1);
    expect(listener.heard.filter((event) => event.replayed).map((event) => [event.callId, event.eventId])).toEqual([
      ['dead-1', 'call:dead-1:CallStart'],
    ]);
    await expect
      .poll(async () => (await entries()).map((entry) => [entry.callId, entry.outcome]), POLL)
      .toEqual([
        ['live-1', 'delivered'],
        ['dead-1', 'delivered'],
      ]);
  });
});
