import { Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CinnoxModule } from '../cinnox.module.js';
import { CinnoxSetupError } from '../errors/cinnox-setup.error.js';
import { CinnoxHealthModule } from './cinnox-health.module.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import { CinnoxHealthIndicator } from './cinnox.health.js';

const subscription = (enabled: boolean) => ({ enabled, url: 'https://host.example/hook', updatedAt: new Date('2026-01-02T03:04:05Z') });

// The host's own module, with CinnoxModule not global, as in the quick start.
const host = async (): Promise<TestingModule> => {
  @Module({
    imports: [
      EventEmitterModule.forRoot(),
      CinnoxModule.forRoot({ baseUrl: 'https://api.example.com', appId: 'app', appToken: 'token' }),
      CinnoxHealthModule,
    ],
  })
  class AppModule {}
  return (await Test.createTestingModule({ imports: [AppModule] }).compile()).init();
};

describe('CinnoxHealthIndicator', () => {
  let moduleRef: TestingModule | undefined;
  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
  });

  it('is degraded while the subscription is unknown', async () => {
    moduleRef = await host();
    expect(moduleRef.get(CinnoxHealthIndicator).check()).toEqual({
      cinnox: {
        status: 'degraded',
        subscription: 'unknown',
        subscriptionUpdatedAt: null,
        lastNotificationAt: null,
        secondsSinceLastNotification: null,
      },
    });
  });

  it('is up while subscribed, under the key asked for', async () => {
    moduleRef = await host();
    moduleRef.get(CinnoxStatus).recordSubscription('call', subscription(true));
    expect(moduleRef.get(CinnoxHealthIndicator).check('webhooks')).toEqual({
      webhooks: expect.objectContaining({ status: 'up', subscription: 'subscribed', subscriptionUpdatedAt: '2026-01-02T03:04:05.000Z' }),
    });
  });

  it('is degraded when unsubscribed', async () => {
    moduleRef = await host();
    moduleRef.get(CinnoxStatus).recordSubscription('call', subscription(false));
    expect(moduleRef.get(CinnoxHealthIndicator).check().cinnox).toMatchObject({ status: 'degraded', subscription: 'unsubscribed' });
  });

  it('is degraded when notifications stopped for longer than maxSilenceMs', async () => {
    moduleRef = await host();
    const status = moduleRef.get(CinnoxStatus);
    status.recordSubscription('call', subscription(true));
    const indicator = moduleRef.get(CinnoxHealthIndicator);
    expect(indicator.check('cinnox', { maxSilenceMs: 60_000 }).cinnox.status).toBe('degraded'); // never heard from
    status.notified('call', new Date(Date.now() - 120_000));
    expect(indicator.check('cinnox', { maxSilenceMs: 60_000 }).cinnox).toMatchObject({
      status: 'degraded',
      secondsSinceLastNotification: 120,
    });
    status.notified('call', new Date());
    expect(indicator.check('cinnox', { maxSilenceMs: 60_000 }).cinnox).toMatchObject({ status: 'up', secondsSinceLastNotification: 0 });
  });

  it('reports the hook asked for', async () => {
    moduleRef = await host();
    moduleRef.get(CinnoxStatus).recordSubscription('sms', subscription(true));
    const indicator = moduleRef.get(CinnoxHealthIndicator);
    expect(indicator.check('cinnox', { hook: 'sms' }).cinnox.status).toBe('up');
    expect(indicator.check().cinnox.status).toBe('degraded');
  });

  it('fails at start-up with a CinnoxSetupError when CinnoxModule is missing', async () => {
    const failure = await Test.createTestingModule({ imports: [CinnoxHealthModule] })
      .compile()
      .then((compiled) => compiled.init())
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CinnoxSetupError);
    expect((failure as Error).message).toContain('Import CinnoxModule.forRoot()');
  });
});

async function indicator(): Promise<{ health: CinnoxHealthIndicator; status: CinnoxStatus }> {
  const moduleRef = await host();
  return { health: moduleRef.get(CinnoxHealthIndicator), status: moduleRef.get(CinnoxStatus) };
}

describe('CinnoxHealthIndicator with the subscription lifecycle', () => {
  it('is degraded while the lifecycle is not active, up once it is, and reports its settings', async () => {
    const { health, status } = await indicator();
    status.lifecycleSettings = { refreshIntervalMs: 60_000, maxSilenceMs: 900_000 };
    status.recordSubscription('call', { enabled: true, url: 'https://a.example/h', updatedAt: new Date() });
    status.recordLifecycle('call', { state: 'retrying', url: 'https://a.example/h', since: new Date(0), lastError: 'CINNOX down' });

    expect(health.check('cinnox').cinnox).toMatchObject({
      status: 'degraded',
      state: 'retrying',
      stateSince: '1970-01-01T00:00:00.000Z',
      lastError: 'CINNOX down',
      refreshIntervalMs: 60_000,
      maxSilenceMs: 900_000,
    });

    status.recordLifecycle('call', { state: 'active', url: 'https://a.example/h', since: new Date() });
    expect(health.check('cinnox').cinnox).toMatchObject({ status: 'up', state: 'active', lastError: null });
  });

  it('without the lifecycle, reports what CINNOX last confirmed, as before', async () => {
    const { health, status } = await indicator();
    expect(health.check('cinnox').cinnox).toEqual(expect.not.objectContaining({ state: expect.anything() }));
    status.recordSubscription('call', { enabled: true, url: 'https://a.example/h', updatedAt: new Date() });
    expect(health.check('cinnox').cinnox).toMatchObject({ status: 'up', subscription: 'subscribed' });
  });
});
