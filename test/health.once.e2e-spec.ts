import { BullModule } from '@nestjs/bullmq';
import { Controller, Get, Module, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { randomUUID } from 'node:crypto';
import { CinnoxDedupeStore, CinnoxStatus } from 'nestjs-cinnox';
import { CinnoxHealthIndicator, CinnoxHealthModule } from 'nestjs-cinnox/health';
import { CinnoxQueueHealthIndicator, CinnoxQueueModule } from 'nestjs-cinnox/queue';
import { callStartNotification, recordingNotification } from 'nestjs-cinnox/testing';
import { afterAll, describe, expect } from 'vitest';
import { closedPort } from './support/closed-port.js';
import { APP_ID, APP_TOKEN, test } from './support/e2e.fixture.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

// Issue 19, section 2 and two defects of section 5, over real HTTP: the health entry one entry per enabled
// hook, per app, and a queue-mode 503 is not a notification heard.

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly cinnox: CinnoxHealthIndicator,
    @Optional() private readonly queue?: CinnoxQueueHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    const queue = this.queue;
    return this.health.check([() => this.cinnox.check('cinnox', { maxSilenceMs: 60_000 }), ...(queue ? [() => queue.check()] : [])]);
  }
}

@Module({ imports: [CinnoxHealthModule], controllers: [HealthController] })
class HealthModule {}

const reachable = await redisAvailable('the queue-mode health test');

describe('health', () => {
  const prefix = `cinnox-test-${randomUUID()}`;
  afterAll(async () => {
    if (reachable) await deleteRedisKeys(`${prefix}:*`);
  });

  test('reports every enabled hook, one entry each; a freshly subscribed hook that heard nothing is up', async ({ startHost }) => {
    const host = await startHost({ hooks: ['call', 'recording'] }, { imports: [HealthModule] });
    await host.subscribe();

    const health = await host.get('/health');
    expect(health.status).toBe(200);
    expect(Object.keys(health.body.details)).toEqual(['cinnox.call', 'cinnox.recording']);
    expect(health.body.details['cinnox.call']).toMatchObject({
      status: 'up',
      degraded: false,
      subscription: 'subscribed',
      lastNotificationAt: null,
    });
    expect(health.body.details['cinnox.recording']).toMatchObject({ status: 'degraded', degraded: true, subscription: 'unknown' });
    expect(health.body.status).toBe('degraded');

    expect((await host.post(callStartNotification())).status).toBe(200);
    const recording = await fetch(`${host.url}/cinnox/webhooks/recording-events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(recordingNotification()),
    });
    expect(recording.status).toBe(200);
    const after = (await host.get('/health')).body.details;
    expect(after['cinnox.call'].lastNotificationAt).toEqual(expect.any(String));
    expect(after['cinnox.recording'].lastNotificationAt).toEqual(expect.any(String));
  });

  test("keeps another app's subscription apart: set(..., app) does not change what the module's app reports", async ({ startHost }) => {
    // The module's own app is not the simulator's; the simulator's app is passed as the override.
    const host = await startHost({ appId: 'module-app', appToken: 'module-token-0123456789' }, { imports: [HealthModule] });
    await host.subscriptions.subscribe(host.webhookUrl, 'call', { appId: APP_ID, appToken: APP_TOKEN });

    const status = host.app.get(CinnoxStatus);
    expect(status.subscription('call')).toBeUndefined();
    expect(status.subscription('call', APP_ID)).toMatchObject({ enabled: true, url: host.webhookUrl });
    expect((await host.get('/health')).body.details['cinnox.call']).toMatchObject({ status: 'degraded', subscription: 'unknown' });
  });

  test('inline, a delivery refused with 503 because the dedupe store cannot answer is not heard', async ({ startHost }) => {
    class DownStore extends CinnoxDedupeStore {
      claim(): Promise<boolean> {
        return Promise.reject(new Error('store down'));
      }
      release(): void {}
    }
    const host = await startHost({ webhook: { dedupeStore: new DownStore() } }, { imports: [HealthModule] });
    await host.subscribe();

    expect((await host.post(callStartNotification())).status).toBe(503);
    expect(host.app.get(CinnoxStatus).lastNotificationOf('call')).toBeUndefined();
    expect((await host.get('/health')).body.details['cinnox.call']).toMatchObject({ subscription: 'subscribed', lastNotificationAt: null });
  });

  test.skipIf(!reachable)('in queue mode, a delivery refused with 503 is not heard', async ({ startHost }) => {
    const port = await closedPort();
    const host = await startHost(
      {},
      {
        imports: [
          BullModule.forRoot({ connection: redisConnection(), prefix }),
          CinnoxQueueModule.forRoot({
            worker: false,
            enqueueTimeoutMs: 500,
            producerConnection: { host: '127.0.0.1', port, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null },
          }),
          HealthModule,
        ],
      },
    );
    await host.subscribe();

    expect((await host.post(callStartNotification())).status).toBe(503);
    expect(host.app.get(CinnoxStatus).lastNotificationOf('call')).toBeUndefined();
    expect(host.app.get(CinnoxStatus).lastNotificationAt).toBeUndefined();
    const health = await host.get('/health');
    expect(health.body.details['cinnox.call']).toMatchObject({ subscription: 'subscribed', lastNotificationAt: null });
    expect(health.body.details.queue).toMatchObject({ status: 'down' });
  });
});
