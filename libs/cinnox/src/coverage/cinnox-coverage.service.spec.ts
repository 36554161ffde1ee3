import { HttpAdapterHost } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { beat, gap } from '../../../../test/support/coverage-store.contract.js';
import { CINNOX_CLOCK, CINNOX_RESOLVED_OPTIONS, CINNOX_TRACER } from '../cinnox.constants.js';
import { CinnoxNoopTracer } from '../core/cinnox-noop.tracer.js';
import type { CinnoxModuleOptions } from '../cinnox-options.interface.js';
import { resolveCinnoxOptions } from '../cinnox-options.provider.js';
import { CinnoxListenerDispatch } from '../core/cinnox-listener-dispatch.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import { CinnoxGracefulShutdown } from '../shutdown/cinnox-graceful-shutdown.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import { CinnoxCoverage } from './cinnox-coverage.service.js';
import { CinnoxMemoryCoverageStore } from './cinnox-memory-coverage.store.js';

const DAY_MS = 86_400_000;

/** CinnoxCoverage on `store` with a hand-set clock, heartbeats every 10 ms of real time. */
async function coverageOn(store: CinnoxMemoryCoverageStore | undefined, options: Partial<CinnoxModuleOptions> = {}, listening = true) {
  const clock = { now: 0 };
  const resolved = resolveCinnoxOptions({
    baseUrl: 'http://x',
    appId: 'a',
    appToken: 't',
    ...options,
    coverage: store && { store, heartbeatIntervalMs: 10, ...options.coverage },
  });
  const moduleRef = await Test.createTestingModule({
    imports: [EventEmitterModule.forRoot()],
    providers: [
      { provide: CINNOX_RESOLVED_OPTIONS, useValue: resolved },
      { provide: CINNOX_CLOCK, useValue: () => clock.now },
      { provide: CINNOX_TRACER, useValue: new CinnoxNoopTracer() },
      { provide: CinnoxGracefulShutdown, useValue: { deadline: undefined } },
      // A server that listens already (or never will, with `listening` false).
      { provide: HttpAdapterHost, useValue: { httpAdapter: { getHttpServer: () => ({ listening, once: () => undefined }) } } },
      CinnoxStatus,
      CinnoxMetrics,
      CinnoxListenerDispatch,
      CinnoxCoverage,
    ],
  }).compile();
  return { clock, moduleRef, coverage: moduleRef.get(CinnoxCoverage), status: moduleRef.get(CinnoxStatus) };
}

describe('CinnoxCoverage', () => {
  let moduleRef: TestingModule | undefined;
  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
  });

  it('refuses gaps() while off, and a bad query, with a CinnoxOptionsError naming what to fix', async () => {
    const off = await coverageOn(undefined);
    moduleRef = off.moduleRef;
    await expect(off.coverage.gaps()).rejects.toThrow(/"coverage" option/);
    await moduleRef.close();

    const on = await coverageOn(new CinnoxMemoryCoverageStore());
    moduleRef = on.moduleRef;
    for (const [query, name] of [
      [{ limit: 0 }, 'limit'],
      [{ from: 'yesterday' }, 'from'],
      [{ hook: '' }, 'hook'],
    ] as const) {
      const error = await on.coverage.gaps(query as never).catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(CinnoxOptionsError);
      expect((error as CinnoxOptionsError).option).toBe(name);
    }
  });

  it('deletes settled heartbeats and gaps past retentionMs, at the first heartbeat', async () => {
    const store = new CinnoxMemoryCoverageStore();
    for (const at of [1000, 2000]) store.beat(beat('gone', at));
    store.advance(0, { until: 2000, lastBeat: 2000, open: {} }, [gap('call', 0, 1000), gap('call', 31 * DAY_MS, 31 * DAY_MS + 1)]);
    const on = await coverageOn(store);
    moduleRef = on.moduleRef;
    on.clock.now = 31 * DAY_MS + 10;
    await moduleRef.init();
    await vi.waitFor(() => expect(store.gaps({ limit: 10 })).toEqual([gap('call', 31 * DAY_MS, 31 * DAY_MS + 1)]));
    await vi.waitFor(() => expect(store.heartbeats(new Date(0)).every((one) => one.replica === on.coverage.replica)).toBe(true));
  });

  it('writes no heartbeat in an app whose server never listens (a queue worker)', async () => {
    const store = new CinnoxMemoryCoverageStore();
    const worker = await coverageOn(store, {}, false);
    moduleRef = worker.moduleRef;
    await moduleRef.init();
    // A listening one beside it, started after, has beaten a few times meanwhile.
    const listeningStore = new CinnoxMemoryCoverageStore();
    const listening = await coverageOn(listeningStore);
    await listening.moduleRef.init();
    let beats = 0;
    const beatOf = listeningStore.beat.bind(listeningStore);
    listeningStore.beat = (heartbeat) => {
      beats++;
      beatOf(heartbeat);
    };
    await vi.waitFor(() => expect(beats).toBeGreaterThanOrEqual(3));
    await listening.moduleRef.close();
    expect(store.heartbeats(new Date(-1))).toEqual([]);
  });

  it('goes on answering while its store fails, says so, and recovers when it answers', async () => {
    const store = new CinnoxMemoryCoverageStore();
    let down = true;
    const beatOf = store.beat.bind(store);
    store.beat = (heartbeat) => {
      if (down) throw new Error('the database is down');
      beatOf(heartbeat);
    };
    const on = await coverageOn(store);
    moduleRef = on.moduleRef;
    await moduleRef.init();
    await vi.waitFor(() => expect(on.coverage.failing).toBe(true));
    down = false;
    await vi.waitFor(() => expect(on.coverage.failing).toBe(false));
    expect(store.heartbeats(new Date(-1)).length).toBeGreaterThan(0);
  });

  it('with silence, its heartbeats carry when each hook was last heard (or became active), and only in-place hooks as active', async () => {
    const store = new CinnoxMemoryCoverageStore();
    const on = await coverageOn(store, {
      coverage: { silence: true },
      subscription: { url: 'https://example.com/h', maxSilenceMs: 60_000 },
    });
    moduleRef = on.moduleRef;
    on.status.lifecycleSettings = { refreshIntervalMs: 3_600_000, maxSilenceMs: 60_000 };
    await moduleRef.init();
    await vi.waitFor(() => expect(store.heartbeats(new Date(-1))).toEqual([expect.objectContaining({ active: [], heardAt: {} })]));
    on.status.recordLifecycle('call', { state: 'active', url: 'https://example.com/h', since: new Date(5000) });
    on.status.notified('call', new Date(7000));
    on.clock.now = 8000;
    await vi.waitFor(() =>
      expect(store.heartbeats(new Date(7999))).toEqual([
        { replica: on.coverage.replica, at: new Date(8000), active: ['call'], heardAt: { call: new Date(7000) } },
      ]),
    );
    // A re-confirmation retrying keeps the subscription in place; a refusal ends it.
    on.status.recordLifecycle('call', { state: 'retrying', url: 'https://example.com/h', since: new Date(8500) });
    on.clock.now = 9000;
    await vi.waitFor(() => expect(store.heartbeats(new Date(8999))).toEqual([expect.objectContaining({ active: ['call'] })]));
    on.status.recordLifecycle('call', { state: 'failed', url: 'https://example.com/h', since: new Date(9500) });
    on.clock.now = 10_000;
    await vi.waitFor(() => expect(store.heartbeats(new Date(9999))).toEqual([expect.objectContaining({ active: [] })]));
  });
});
