import { Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CinnoxModule } from '../cinnox.module.js';
import { CinnoxSetupError } from '../errors/cinnox-setup.error.js';
import { CinnoxHealthModule } from './cinnox-health.module.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import { CinnoxHealthIndicator } from './cinnox.health.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import type { CinnoxModuleOptions } from '../cinnox-options.interface.js';
import { CinnoxCoverage } from '../coverage/cinnox-coverage.service.js';
import { CinnoxDeliveryLog } from '../delivery-log/cinnox-delivery-log.js';
import { CinnoxMemoryDeliveryLogStore } from '../delivery-log/cinnox-memory-delivery-log.store.js';
import { logEntry } from '../../../../test/support/delivery-log-store.contract.js';

const subscription = (enabled: boolean) => ({ enabled, url: 'https://host.example/hook', updatedAt: new Date('2026-01-02T03:04:05Z') });

// terminus 11's HealthIndicatorService: its sessions have up() and down() only.
class Terminus11HealthIndicatorService extends HealthIndicatorService {
  override check<const Key extends string>(key: Key): ReturnType<HealthIndicatorService['check']> {
    const session = super.check(key);
    return { up: session.up.bind(session), down: session.down.bind(session) } as unknown as ReturnType<HealthIndicatorService['check']>;
  }
}

// The host's own module, with CinnoxModule not global, as in the quick start.
const host = async (hooks?: CinnoxHookName[], terminus11 = false, options: Partial<CinnoxModuleOptions> = {}): Promise<TestingModule> => {
  @Module({
    imports: [
      EventEmitterModule.forRoot(),
      CinnoxModule.forRoot({ baseUrl: 'https://api.example.com', appId: 'app', appToken: 'token', ...options, ...(hooks && { hooks }) }),
      CinnoxHealthModule,
    ],
  })
  class AppModule {}
  const builder = Test.createTestingModule({ imports: [AppModule] });
  if (terminus11) builder.overrideProvider(HealthIndicatorService).useClass(Terminus11HealthIndicatorService);
  return (await builder.compile()).init();
};

describe('CinnoxHealthIndicator', () => {
  let moduleRef: TestingModule | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await moduleRef?.close();
    moduleRef = undefined;
  });

  it('is degraded while the subscription is unknown, one entry per hook', async () => {
    moduleRef = await host();
    expect(moduleRef.get(CinnoxHealthIndicator).check()).toEqual({
      'cinnox.call': {
        status: 'degraded',
        hook: 'call',
        degraded: true,
        subscription: 'unknown',
        subscriptionUpdatedAt: null,
        activeSince: null,
        lastNotificationAt: null,
        secondsSinceLastNotification: null,
      },
    });
  });

  it('covers every enabled hook by default, one entry each, and one hook under the key asked for', async () => {
    moduleRef = await host(['call', 'recording', 'inbound-sms']);
    const status = moduleRef.get(CinnoxStatus);
    status.recordSubscription('recording', subscription(true));
    const indicator = moduleRef.get(CinnoxHealthIndicator);
    const report = indicator.check('webhooks');
    expect(Object.keys(report)).toEqual(['webhooks.call', 'webhooks.recording', 'webhooks.inbound-sms']);
    expect(report['webhooks.recording']).toMatchObject({ status: 'up', hook: 'recording', degraded: false, subscription: 'subscribed' });
    expect(report['webhooks.call']).toMatchObject({ status: 'degraded', subscription: 'unknown' });
    expect(indicator.check('webhooks', { hook: 'recording' })).toEqual({ webhooks: report['webhooks.recording'] });
  });

  it('is up while subscribed, with when it became active', async () => {
    moduleRef = await host();
    moduleRef.get(CinnoxStatus).recordSubscription('call', subscription(true));
    expect(moduleRef.get(CinnoxHealthIndicator).check('cinnox', { hook: 'call' })).toEqual({
      cinnox: expect.objectContaining({
        status: 'up',
        degraded: false,
        subscription: 'subscribed',
        subscriptionUpdatedAt: '2026-01-02T03:04:05.000Z',
        activeSince: expect.any(String),
      }),
    });
  });

  it('is degraded when unsubscribed', async () => {
    moduleRef = await host();
    moduleRef.get(CinnoxStatus).recordSubscription('call', subscription(false));
    expect(moduleRef.get(CinnoxHealthIndicator).check()['cinnox.call']).toMatchObject({ status: 'degraded', subscription: 'unsubscribed' });
  });

  it('counts silence from the moment the subscription became active, not from the last notification ever', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-01T00:00:00Z') });
    moduleRef = await host();
    const status = moduleRef.get(CinnoxStatus);
    const indicator = moduleRef.get(CinnoxHealthIndicator);
    const silence = () => indicator.check('cinnox', { maxSilenceMs: 60_000 })['cinnox.call'];
    status.notified('call', new Date('2026-02-01T00:00:00Z')); // long before this subscription
    status.recordSubscription('call', subscription(true));
    expect(silence()).toMatchObject({ status: 'up', activeSince: '2026-03-01T00:00:00.000Z' }); // freshly subscribed, nothing yet
    vi.setSystemTime(new Date('2026-03-01T00:00:59Z'));
    expect(silence().status).toBe('up');
    vi.setSystemTime(new Date('2026-03-01T00:01:01Z'));
    expect(silence()).toMatchObject({ status: 'degraded', degraded: true });
    status.notified('call', new Date('2026-03-01T00:01:30Z'));
    vi.setSystemTime(new Date('2026-03-01T00:02:00Z'));
    expect(silence()).toMatchObject({ status: 'up', secondsSinceLastNotification: 30 });
    vi.setSystemTime(new Date('2026-03-01T00:02:31Z'));
    expect(silence()).toMatchObject({ status: 'degraded', secondsSinceLastNotification: 61 });
    // Re-confirming a subscription that stayed active does not reset the watch.
    status.recordSubscription('call', subscription(true));
    expect(silence().status).toBe('degraded');
  });

  it('on terminus 11 (no degraded status), reports a degraded hook as up with degraded: true', async () => {
    moduleRef = await host(['call', 'recording'], true);
    moduleRef.get(CinnoxStatus).recordSubscription('recording', subscription(true));
    expect(moduleRef.get(CinnoxHealthIndicator).check()).toEqual({
      'cinnox.call': expect.objectContaining({ status: 'up', degraded: true, subscription: 'unknown' }),
      'cinnox.recording': expect.objectContaining({ status: 'up', degraded: false, subscription: 'subscribed' }),
    });
  });

  it('is down on every hook from the moment the app begins to shut down', async () => {
    moduleRef = await host(['call', 'recording']);
    const status = moduleRef.get(CinnoxStatus);
    status.recordSubscription('call', subscription(true));
    status.recordShutdown(new Date('2026-03-01T00:00:00Z'));
    const report = moduleRef.get(CinnoxHealthIndicator).check();
    expect(report['cinnox.call']).toMatchObject({ status: 'down', degraded: false, shuttingDownSince: '2026-03-01T00:00:00.000Z' });
    expect(report['cinnox.recording']).toMatchObject({ status: 'down' });
  });

  it("with coverage on, shows each hook's open gap and last gaps", async () => {
    moduleRef = await host(['call', 'recording'], false, { coverage: { heartbeatIntervalMs: 60_000 } });
    const report = moduleRef.get(CinnoxHealthIndicator).check();
    expect(report['cinnox.recording']!.coverage).toEqual({ uncoveredSince: null, recentGaps: [], storeFailing: false });
    expect(moduleRef.get(CinnoxCoverage).enabled).toBe(true);
  });

  it('without coverage, says nothing of it', async () => {
    moduleRef = await host();
    expect(moduleRef.get(CinnoxHealthIndicator).check()['cinnox.call']).not.toHaveProperty('coverage');
  });

  it("reports the delivery log's state: up when off or writing, degraded (never down) while its store fails, with what waits and what was dropped", async () => {
    moduleRef = await host();
    expect(moduleRef.get(CinnoxHealthIndicator).checkDeliveryLog()).toEqual({
      'cinnox.delivery-log': { status: 'up', enabled: false, degraded: false, failing: false, buffered: 0, dropped: 0 },
    });
    await moduleRef.close();

    class RefusingStore extends CinnoxMemoryDeliveryLogStore {
      refuse = true;
      override write(entries: Parameters<CinnoxMemoryDeliveryLogStore['write']>[0]): void {
        if (this.refuse) throw new Error('the database is down');
        super.write(entries);
      }
    }
    const store = new RefusingStore();
    moduleRef = await host(undefined, false, { deliveryLog: { store, flushIntervalMs: 10, bufferSize: 2, batchSize: 1 } });
    const log = moduleRef.get(CinnoxDeliveryLog);
    const indicator = moduleRef.get(CinnoxHealthIndicator);
    for (const id of ['a', 'b', 'c']) log.recorder.rewrite(logEntry(id, 10));
    await vi.waitFor(() => expect(log.failing).toBe(true));
    expect(indicator.checkDeliveryLog('log')).toEqual({
      log: { status: 'degraded', enabled: true, degraded: true, failing: true, buffered: 2, dropped: 1 },
    });
    store.refuse = false;
    await vi.waitFor(() =>
      expect(indicator.checkDeliveryLog('log').log).toMatchObject({ status: 'up', failing: false, buffered: 0, dropped: 1 }),
    );
  });

  it('on terminus 11, a failing delivery log is up with degraded: true', async () => {
    const store = new CinnoxMemoryDeliveryLogStore();
    store.write = () => {
      throw new Error('the database is down');
    };
    moduleRef = await host(undefined, true, { deliveryLog: { store, flushIntervalMs: 10 } });
    moduleRef.get(CinnoxDeliveryLog).recorder.rewrite(logEntry('a', 10));
    await vi.waitFor(() => expect(moduleRef!.get(CinnoxDeliveryLog).failing).toBe(true));
    expect(moduleRef.get(CinnoxHealthIndicator).checkDeliveryLog()['cinnox.delivery-log']).toMatchObject({ status: 'up', degraded: true });
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

    expect(health.check('cinnox')['cinnox.call']).toMatchObject({
      status: 'degraded',
      state: 'retrying',
      stateSince: '1970-01-01T00:00:00.000Z',
      activeSince: null,
      lastError: 'CINNOX down',
      refreshIntervalMs: 60_000,
      maxSilenceMs: 900_000,
    });

    const since = new Date();
    status.recordLifecycle('call', { state: 'active', url: 'https://a.example/h', since });
    expect(health.check('cinnox', { maxSilenceMs: 60_000 })['cinnox.call']).toMatchObject({
      status: 'up',
      state: 'active',
      activeSince: since.toISOString(),
      lastError: null,
    });
  });

  it('without the lifecycle, reports what CINNOX last confirmed, as before', async () => {
    const { health, status } = await indicator();
    expect(health.check('cinnox')['cinnox.call']).toEqual(expect.not.objectContaining({ state: expect.anything() }));
    status.recordSubscription('call', { enabled: true, url: 'https://a.example/h', updatedAt: new Date() });
    expect(health.check('cinnox')['cinnox.call']).toMatchObject({ status: 'up', subscription: 'subscribed' });
  });
});
