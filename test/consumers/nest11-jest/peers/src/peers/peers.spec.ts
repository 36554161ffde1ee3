import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { CinnoxCallTracker, CinnoxSubscriptionService } from 'nestjs-cinnox';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { HeardCalls, peersModule } from './peers.module';

// On @nestjs/terminus 11 (no `degraded` status), @nestjs/bullmq 11 and ioredis: /health answers (never
// 500), a hook not subscribed is `up` with `degraded: true`, and calls go through the Redis stores and the queue.

jest.setTimeout(60_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each([
  ['inline', false],
  ['queue', true],
] as const)('health, queue and redis entries on NestJS 11 (%s)', (_mode, queued) => {
  const prefix = `cinnox-consumer-${randomUUID()}:`;
  let redis: Redis;
  let simulator: CinnoxSimulator;
  let app: INestApplication;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const { hostname, port, pathname } = new URL(REDIS_URL);
    simulator = await CinnoxSimulator.start();
    const moduleRef = await Test.createTestingModule({
      imports: [
        peersModule({
          baseUrl: simulator.baseUrl,
          appId: simulator.appId,
          appToken: simulator.appToken,
          redis,
          prefix,
          queue: queued ? { host: hostname, port: Number(port || 6379), db: Number(pathname.slice(1) || 0) } : undefined,
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await simulator?.stop();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  const health = async () => {
    const response = await fetch(`${await app.getUrl()}/health`);
    return { status: response.status, body: (await response.json()) as { status: string; details: Record<string, Record<string, unknown>> } };
  };

  it('answers /health before anything is subscribed: every hook up with degraded: true', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.details['cinnox.call']).toMatchObject({ status: 'up', degraded: true, subscription: 'unknown' });
    expect(body.details['cinnox.recording']).toMatchObject({ status: 'up', degraded: true, subscription: 'unknown' });
    if (queued) expect(body.details.queue).toMatchObject({ status: 'up', redis: 'reachable' });
  });

  it('reports a freshly subscribed hook up and not degraded, and delivers a call once through Redis', async () => {
    await app.get(CinnoxSubscriptionService).subscribe(`${await app.getUrl()}/cinnox/webhooks/call-events`);
    expect((await health()).body.details['cinnox.call']).toMatchObject({ status: 'up', degraded: false, subscription: 'subscribed' });
    expect((await health()).body.details['cinnox.recording']).toMatchObject({ status: 'up', degraded: true });

    const call = await simulator.placeCall();
    expect(call.status).toBe(200);
    const heard = app.get(HeardCalls);
    for (const deadline = Date.now() + 10_000; !heard.ids.includes(call.callId) && Date.now() < deadline; )
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard.ids).toEqual([call.callId]);
    expect(await app.get(CinnoxCallTracker).get(call.callId)).toMatchObject({ id: call.callId, status: 'active' });
  });
});
