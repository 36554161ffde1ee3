import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { deleteRedisKeys, redisAvailable, redisConnection } from '../../../../test/support/redis.js';
import type { CinnoxEventJob } from '../core/cinnox-event.queue.js';
import { CINNOX_EVENTS_QUEUE } from './cinnox-queue.constants.js';
import { CinnoxBullmqEventQueue } from './cinnox-bullmq-event.queue.js';
import { toJobId } from './to-job-id.js';

const reachable = await redisAvailable('the queue dispatcher spec');

const OPTIONS = {
  worker: false,
  attempts: 4,
  backoffMs: 250,
  concurrency: 1,
  retentionMs: 60_000,
  enqueueTimeoutMs: 300,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
};

const job = (id: string): CinnoxEventJob => ({
  hook: 'call',
  key: `call:${id}:CallStart`,
  body: { message: { id, status: 'CallStart', serviceId: 'service-demo' } },
  receivedAt: '2026-11-25T10:00:00.000Z',
});

describe.skipIf(!reachable)('CinnoxBullmqEventQueue (real Redis)', () => {
  const prefix = `cinnox-spec-${randomUUID()}`;
  const queues: Queue[] = [];
  const queue = (connection: object = redisConnection()) => {
    const created = new Queue(CINNOX_EVENTS_QUEUE, { connection, prefix });
    queues.push(created);
    return created;
  };
  afterAll(async () => {
    await Promise.all(queues.map((created) => created.close()));
    await deleteRedisKeys(`${prefix}:*`);
  });

  it('stores the job under a digest of its dedupe key, with the retry and retention settings', async () => {
    const events = queue();
    await new CinnoxBullmqEventQueue(events, OPTIONS).enqueue(job('stored'));

    const stored = await events.getJob(toJobId('call:stored:CallStart'));
    expect(stored?.data).toEqual(job('stored'));
    expect(stored?.opts).toMatchObject({
      attempts: 4,
      backoff: { type: 'exponential', delay: 250 },
      removeOnComplete: { age: 60 },
      removeOnFail: { age: 60 },
    });
  });

  it('stores a redelivery once: a second job with the same key is ignored', async () => {
    const events = queue();
    const dispatcher = new CinnoxBullmqEventQueue(events, OPTIONS);
    await dispatcher.enqueue(job('twice'));
    await dispatcher.enqueue(job('twice'));
    await dispatcher.enqueue(job('other'));

    const waiting = await events.getJobs(['waiting']);
    expect(waiting.map((stored) => stored.data.key).filter((key) => key.includes('twice'))).toEqual(['call:twice:CallStart']);
  });

  it('rejects once enqueueTimeoutMs has passed when Redis does not answer, so the webhook can answer 503', async () => {
    // A server that accepts connections and never answers: Redis hanging, not refusing.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    const port = await new Promise<number>((resolve) =>
      silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)),
    );
    try {
      const dispatcher = new CinnoxBullmqEventQueue(queue({ host: '127.0.0.1', port, maxRetriesPerRequest: 0 }), OPTIONS);
      const started = Date.now();

      await expect(dispatcher.enqueue(job('hanging'))).rejects.toBeInstanceOf(Error);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
  it('stores the jobs of deliveries arriving together in one addBulk round trip, each caller resolving once stored', async () => {
    const events = queue();
    const addBulk = vi.spyOn(events, 'addBulk');
    const add = vi.spyOn(events, 'add');
    const dispatcher = new CinnoxBullmqEventQueue(events, OPTIONS);

    await Promise.all(['g1', 'g2', 'g3', 'g4'].map((id) => dispatcher.enqueue(job(id))));

    expect(addBulk).toHaveBeenCalledTimes(1);
    expect(add).not.toHaveBeenCalled();
    const stored = await Promise.all(['g1', 'g2', 'g3', 'g4'].map((id) => events.getJob(toJobId(`call:${id}:CallStart`))));
    expect(stored.map((found) => found?.data.key)).toEqual(['g1', 'g2', 'g3', 'g4'].map((id) => `call:${id}:CallStart`));
  });

  it('stores a lone delivery with add() on the next turn of the event loop, waiting for no batch timer', async () => {
    const events = queue();
    const add = vi.spyOn(events, 'add');
    const addBulk = vi.spyOn(events, 'addBulk');
    const dispatcher = new CinnoxBullmqEventQueue(events, OPTIONS);

    const stored = dispatcher.enqueue(job('lone'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(add).toHaveBeenCalledTimes(1);
    await stored;

    expect(addBulk).not.toHaveBeenCalled();
    expect((await events.getJob(toJobId('call:lone:CallStart')))?.data).toEqual(job('lone'));
  });

  it('stores a redelivery once when both copies land in the same batch', async () => {
    const events = queue();
    const addBulk = vi.spyOn(events, 'addBulk');
    const dispatcher = new CinnoxBullmqEventQueue(events, OPTIONS);

    await Promise.all([dispatcher.enqueue(job('same')), dispatcher.enqueue(job('same')), dispatcher.enqueue(job('next'))]);

    expect(addBulk).toHaveBeenCalledTimes(1);
    const waiting = await events.getJobs(['waiting']);
    expect(waiting.map((stored) => stored.data.key).filter((key) => key.includes('same'))).toEqual(['call:same:CallStart']);
  });

  it('splits a burst into batches of at most maxBatch jobs', async () => {
    const events = queue();
    const addBulk = vi.spyOn(events, 'addBulk');
    const dispatcher = new CinnoxBullmqEventQueue(events, { ...OPTIONS, maxBatch: 3 });

    await Promise.all(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'].map((id) => dispatcher.enqueue(job(id))));

    // The seventh is alone in its batch, so it goes through add().
    expect(addBulk.mock.calls.map(([jobs]) => jobs.length)).toEqual([3, 3]);
    const waiting = await events.getJobs(['waiting']);
    expect(waiting.filter((stored) => /^call:m\d:/.test(stored.data.key))).toHaveLength(7);
  });

  it('rejects every delivery of a batch Redis did not store', async () => {
    // A port nothing listens on, without an offline queue: the round trip fails at once.
    const closed = createServer();
    const port = await new Promise<number>((resolve) =>
      closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)),
    );
    await new Promise((resolve) => closed.close(resolve));
    const events = queue({ host: '127.0.0.1', port, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    events.on('error', () => {});
    const dispatcher = new CinnoxBullmqEventQueue(events, OPTIONS);

    const outcomes = await Promise.allSettled(['f1', 'f2', 'f3'].map((id) => dispatcher.enqueue(job(id))));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });
});
