import { Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { CinnoxMemoryCallStore } from './calls/cinnox-memory-call.store.js';
import { CinnoxMemoryCoverageStore } from './coverage/cinnox-memory-coverage.store.js';
import { CinnoxMemoryDeliveryLogStore } from './delivery-log/cinnox-memory-delivery-log.store.js';
import { resolveCinnoxOptions } from './cinnox-options.provider.js';
import { CINNOX_RESOLVED_OPTIONS } from './cinnox.constants.js';
import { CinnoxModule } from './cinnox.module.js';
import { CinnoxOptionsError } from './errors/cinnox-options.error.js';
import type { CinnoxModuleOptions } from './cinnox-options.interface.js';
import { CinnoxSubscriptionService } from './subscription/cinnox-subscription.service.js';

const valid: CinnoxModuleOptions = { baseUrl: 'https://api.example.com/', appId: 'app', appToken: 'top-secret-token' };

const failure = (options: unknown): CinnoxOptionsError => {
  try {
    resolveCinnoxOptions(options as CinnoxModuleOptions);
  } catch (error) {
    return error as CinnoxOptionsError;
  }
  throw new Error('expected the options to be refused');
};

describe('CinnoxModule options', () => {
  it('merges the defaults once', () => {
    expect(resolveCinnoxOptions(valid)).toMatchObject({
      baseUrl: 'https://api.example.com',
      timeoutMs: 10_000,
      shutdownGraceMs: 5000,
      retry: { retries: 3, baseDelayMs: 200, maxDelayMs: 5000, deadlineMs: 30_000 },
      webhook: { bodyLimitBytes: 65_536, dedupeTtlMs: 86_400_000, awaitListeners: false },
      calls: { track: false, store: expect.any(CinnoxMemoryCallStore), maxCallDurationMs: 14_400_000, retentionMs: 86_400_000 },
      requestBudget: { requestsPerMinute: 450, burst: 45, subscriptionReserve: 10 },
      reports: { pageSize: 100 },
    });
    expect(resolveCinnoxOptions(valid).calls.settle).toBeUndefined();
    expect(resolveCinnoxOptions({ ...valid, calls: { track: true, settle: {} } }).calls.settle).toEqual({ delayMs: 60_000, attempts: 5 });
    expect(resolveCinnoxOptions(valid).reconcile).toEqual({ gaps: true, lookbackMs: 3_600_000 });
    expect(resolveCinnoxOptions({ ...valid, calls: { track: true }, reconcile: { intervalMs: 60_000, gaps: false } }).reconcile).toEqual({
      gaps: false,
      intervalMs: 60_000,
      lookbackMs: 3_600_000,
    });
  });

  it.each([
    ['baseUrl', { ...valid, baseUrl: undefined }],
    ['baseUrl', { ...valid, baseUrl: '/relative' }],
    ['baseUrl', { ...valid, baseUrl: 'ftp://x' }],
    ['appId', { ...valid, appId: ' ' }],
    ['appToken', { ...valid, appToken: undefined }],
    ['timeoutMs', { ...valid, timeoutMs: 0 }],
    ['timeoutMs', { ...valid, timeoutMs: 1.5 }],
    ['maxResponseBytes', { ...valid, maxResponseBytes: 0 }],
    ['shutdownGraceMs', { ...valid, shutdownGraceMs: 0 }],
    ['shutdownGraceMs', { ...valid, shutdownGraceMs: '5s' }],
    ['retry.retries', { ...valid, retry: { retries: -1 } }],
    ['webhook.secret', { ...valid, webhook: { secret: 'short' } }],
    ['webhook.allowedSources', { ...valid, webhook: { allowedSources: ['10.0.0.0/99'] } }],
    ['webhook.allowedSources', { ...valid, webhook: { allowedSources: ['not-an-ip'] } }],
    ['webhook.dedupeStore', { ...valid, webhook: { dedupeStore: {} } }],
    ['subscription.url', { ...valid, subscription: {} }],
    ['subscription.url', { ...valid, subscription: { url: 'example.com/hook' } }],
    ['subscription.publicUrl', { ...valid, subscription: { publicUrl: 'ftp://example.com' } }],
    ['subscription.refreshIntervalMs', { ...valid, subscription: { url: 'https://example.com/h', refreshIntervalMs: 0 } }],
    ['subscription.maxSilenceMs', { ...valid, subscription: { url: 'https://example.com/h', maxSilenceMs: -5 } }],
    ['subscription.refreshIntervalMs', { ...valid, subscription: { url: 'https://example.com/h', refreshIntervalMs: 2 ** 31 } }],
    ['subscription.unsubscribeOnShutdown', { ...valid, subscription: { url: 'https://example.com/h', unsubscribeOnShutdown: 'yes' } }],
    ['subscription.unsubscribeTimeoutMs', { ...valid, subscription: { url: 'https://example.com/h', unsubscribeTimeoutMs: 1.5 } }],
    ['subscription.backoff.initialDelayMs', { ...valid, subscription: { url: 'https://example.com/h', backoff: { initialDelayMs: 0 } } }],
    ['subscription.backoff.maxDelayMs', { ...valid, subscription: { url: 'https://example.com/h', backoff: { maxDelayMs: 10 } } }],
    ['subscription.paths', { ...valid, subscription: { url: 'https://example.com/h', paths: 'conference-event-sub' } }],
    ['subscription.paths.meeting', { ...valid, subscription: { url: 'https://example.com/h', paths: { meeting: 'meeting-event-sub' } } }],
    ['subscription.paths.conference', { ...valid, subscription: { url: 'https://example.com/h', paths: { conference: 'a/b' } } }],
    ['calls', { ...valid, calls: true }],
    ['calls.track', { ...valid, calls: { track: 'yes' } }],
    ['calls.store', { ...valid, calls: { track: true, store: {} } }],
    ['calls.maxCallDurationMs', { ...valid, calls: { track: true, maxCallDurationMs: 0 } }],
    ['calls.retentionMs', { ...valid, calls: { retentionMs: -1 } }],
    ['calls.maxRecords', { ...valid, calls: { maxRecords: 2.5 } }],
    ['calls.maxRecords', { ...valid, calls: { store: new CinnoxMemoryCallStore(), maxRecords: 10 } }],
    ['deliveryLog', { ...valid, deliveryLog: true }],
    ['deliveryLog.store', { ...valid, deliveryLog: { store: {} } }],
    ['deliveryLog.retentionMs', { ...valid, deliveryLog: { retentionMs: 0 } }],
    ['deliveryLog.maskPhoneNumbers', { ...valid, deliveryLog: { maskPhoneNumbers: 'yes' } }],
    ['deliveryLog.bufferSize', { ...valid, deliveryLog: { bufferSize: -1 } }],
    ['deliveryLog.flushIntervalMs', { ...valid, deliveryLog: { flushIntervalMs: 2 ** 31 } }],
    ['deliveryLog.batchSize', { ...valid, deliveryLog: { batchSize: 1.5 } }],
    ['deliveryLog.batchSize', { ...valid, deliveryLog: { bufferSize: 10, batchSize: 11 } }],
    ['coverage', { ...valid, coverage: [] }],
    ['coverage.store', { ...valid, coverage: { store: new CinnoxMemoryDeliveryLogStore() } }],
    ['coverage.heartbeatIntervalMs', { ...valid, coverage: { heartbeatIntervalMs: 0 } }],
    ['coverage.heartbeatIntervalMs', { ...valid, coverage: { heartbeatIntervalMs: 2 ** 31 } }],
    ['coverage.silence', { ...valid, coverage: { silence: 'yes' } }],
    ['coverage.silence', { ...valid, coverage: { silence: true }, subscription: { url: 'https://example.com/h' } }],
    ['coverage.retentionMs', { ...valid, coverage: { retentionMs: -1 } }],
    ['http', { ...valid, http: 'http://proxy:3128' }],
    ['http.timeout', { ...valid, http: { timeout: 5 } }],
    ['http.proxy', { ...valid, http: { proxy: 'http://proxy:3128' } }],
    ['http.proxy.host', { ...valid, http: { proxy: { host: '', port: 3128 } } }],
    ['http.proxy.port', { ...valid, http: { proxy: { host: 'proxy', port: 0 } } }],
    ['http.proxy.protocol', { ...valid, http: { proxy: { host: 'proxy', port: 3128, protocol: 'socks5' } } }],
    ['http.proxy.auth', { ...valid, http: { proxy: { host: 'proxy', port: 3128, auth: 'user:pass' } } }],
    ['http.httpsAgent', { ...valid, http: { httpsAgent: true } }],
    ['http.headers', { ...valid, http: { headers: [] } }],
    ['http.headers', { ...valid, http: { headers: { 'bad name': 'x' } } }],
    ['http.headers.Authorization', { ...valid, http: { headers: { Authorization: 'Bearer other' } } }],
    ['http.headers.content-type', { ...valid, http: { headers: { 'content-type': 'text/plain' } } }],
    ['http.headers.X-Key', { ...valid, http: { headers: { 'X-Key': 42 } } }],
    ['http.headers.X-Key', { ...valid, http: { headers: { 'X-Key': 'a\r\nInjected: 1' } } }],
    ['calls.settle', { ...valid, calls: { settle: { delayMs: 1000 } } }],
    ['calls.settle', { ...valid, calls: { track: true, settle: 5 } }],
    ['calls.settle.delayMs', { ...valid, calls: { track: true, settle: { delayMs: 0 } } }],
    ['calls.settle.attempts', { ...valid, calls: { track: true, settle: { attempts: 1.5 } } }],
    ['reconcile', { ...valid, reconcile: { intervalMs: 1000 } }],
    ['reconcile', { ...valid, calls: { track: true }, reconcile: 5 }],
    ['reconcile.gaps', { ...valid, calls: { track: true }, reconcile: { gaps: 'yes' } }],
    ['reconcile.intervalMs', { ...valid, calls: { track: true }, reconcile: { intervalMs: 0 } }],
    ['reconcile.lookbackMs', { ...valid, calls: { track: true }, reconcile: { lookbackMs: -1 } }],
    ['requestBudget', { ...valid, requestBudget: 450 }],
    ['requestBudget.requestsPerMinute', { ...valid, requestBudget: { requestsPerMinute: 0 } }],
    ['requestBudget.burst', { ...valid, requestBudget: { requestsPerMinute: 100, burst: 100 } }],
    ['requestBudget.subscriptionReserve', { ...valid, requestBudget: { burst: 5, subscriptionReserve: 5 } }],
    ['reports.pageSize', { ...valid, reports: { pageSize: -1 } }],
    ['reports.maxQueryDays', { ...valid, reports: { maxQueryDays: 0.5 } }],
  ])('refuses a bad %s with an error naming it', (option, options) => {
    const error = failure(options);
    expect(error).toBeInstanceOf(CinnoxOptionsError);
    expect(error.option).toBe(option);
    expect(error.message).toContain(`"${option}"`);
  });

  it('leaves the delivery log off without the option, and merges its defaults when given', () => {
    expect(resolveCinnoxOptions(valid).deliveryLog).toBeUndefined();
    expect(resolveCinnoxOptions({ ...valid, deliveryLog: {} }).deliveryLog).toMatchObject({
      store: expect.any(CinnoxMemoryDeliveryLogStore),
      retentionMs: 7 * 86_400_000,
      maskPhoneNumbers: false,
      bufferSize: 10_000,
      flushIntervalMs: 1000,
      batchSize: 500,
    });
  });

  it('leaves coverage off without the option, and merges its defaults when given', () => {
    expect(resolveCinnoxOptions(valid).coverage).toBeUndefined();
    expect(resolveCinnoxOptions({ ...valid, coverage: {} }).coverage).toEqual({
      store: expect.any(CinnoxMemoryCoverageStore),
      heartbeatIntervalMs: 1000,
      silence: false,
      retentionMs: 30 * 86_400_000,
    });
    const silent = { ...valid, coverage: { silence: true }, subscription: { url: 'https://example.com/h', maxSilenceMs: 60_000 } };
    expect(resolveCinnoxOptions(silent).coverage?.silence).toBe(true);
  });

  it('merges the subscription defaults: 1 h refresh, no silence limit, 1 s to 60 s backoff, call hook only', () => {
    expect(resolveCinnoxOptions(valid).subscription).toBeUndefined();
    expect(resolveCinnoxOptions({ ...valid, subscription: { publicUrl: 'https://example.com/app/' } }).subscription).toEqual({
      url: undefined,
      publicUrl: 'https://example.com/app',
      refreshIntervalMs: 3_600_000,
      maxSilenceMs: undefined,
      unsubscribeOnShutdown: false,
      unsubscribeTimeoutMs: 2000,
      backoff: { initialDelayMs: 1000, maxDelayMs: 60_000 },
      paths: {},
    });
  });

  it('keeps the subscription paths given, by hook', () => {
    const subscription = { url: 'https://example.com/h', paths: { conference: 'conference-call-event-sub' } };
    expect(resolveCinnoxOptions({ ...valid, subscription }).subscription?.paths).toEqual({ conference: 'conference-call-event-sub' });
  });

  it('accepts a URL built from the listening address', () => {
    const url = ({ port }: { port: number }) => `http://127.0.0.1:${port}/hook`;
    expect(resolveCinnoxOptions({ ...valid, subscription: { url } }).subscription?.url).toBe(url);
  });

  it('takes the http option as axios does, with proxy: false and headers kept', () => {
    const agent = { keepAlive: true };
    expect(resolveCinnoxOptions(valid).http).toEqual({ headers: {} });
    expect(resolveCinnoxOptions({ ...valid, http: { proxy: false, httpsAgent: agent, headers: { 'X-Key': 'k' } } }).http).toEqual({
      proxy: false,
      httpsAgent: agent,
      headers: { 'X-Key': 'k' },
    });
  });

  it('never echoes a secret it refuses', () => {
    expect(failure({ ...valid, appToken: '' }).message).not.toContain('top-secret-token');
    expect(failure({ ...valid, webhook: { secret: 'leaky' } }).message).not.toContain('leaky');
  });

  it('fails start-up with the bad option, through forRoot', async () => {
    const compiling = Test.createTestingModule({
      imports: [EventEmitterModule.forRoot(), CinnoxModule.forRoot({ ...valid, baseUrl: 'nope' })],
    }).compile();
    await expect(compiling).rejects.toThrow(/"baseUrl"/);
  });

  it('refuses a bad webhookPath when the module is defined', () => {
    expect(() => CinnoxModule.forRoot({ ...valid, webhookPath: 'a path?x' })).toThrow(CinnoxOptionsError);
  });

  // A provider the factory injects, as a ConfigService would be: its values must reach the resolved options.
  const SETTINGS = 'settings';
  @Module({ providers: [{ provide: SETTINGS, useValue: { appId: 'from-factory', timeoutMs: 1234 } }], exports: [SETTINGS] })
  class SettingsModule {}
  const fromSettings = (settings: { appId: string; timeoutMs: number }): CinnoxModuleOptions => ({ ...valid, ...settings });

  it.each([
    [
      'forRootAsync',
      CinnoxModule.forRootAsync({ imports: [SettingsModule], inject: [SETTINGS], useFactory: async (s) => fromSettings(s) }),
    ],
    [
      'forRootAsync with isGlobal',
      CinnoxModule.forRootAsync({ isGlobal: true, imports: [SettingsModule], inject: [SETTINGS], useFactory: fromSettings }),
    ],
  ])("%s resolves the factory's options and provides the subscription service", async (_, module) => {
    const moduleRef = await Test.createTestingModule({ imports: [EventEmitterModule.forRoot(), module] }).compile();
    expect(moduleRef.get(CINNOX_RESOLVED_OPTIONS)).toMatchObject({
      appId: 'from-factory',
      timeoutMs: 1234,
      baseUrl: 'https://api.example.com',
    });
    expect(moduleRef.get(CinnoxSubscriptionService)).toBeInstanceOf(CinnoxSubscriptionService);
    await moduleRef.close();
  });

  // Extras shape the routes when the module is defined; from a factory they used to vanish without a word.
  it.each([
    ['hooks', { hooks: ['recording'] }],
    ['hookPaths', { hookPaths: { call: 'elsewhere' } }],
    ['webhookPath', { webhookPath: 'elsewhere' }],
    ['isGlobal', { isGlobal: true }],
  ])('refuses %s returned by the forRootAsync factory, saying where it belongs', async (option, extra) => {
    const compiling = Test.createTestingModule({
      imports: [EventEmitterModule.forRoot(), CinnoxModule.forRootAsync({ useFactory: () => ({ ...valid, ...extra }) })],
    }).compile();
    const error = await compiling.then(
      () => undefined,
      (refused: unknown) => refused,
    );
    expect(error).toBeInstanceOf(CinnoxOptionsError);
    expect(error).toMatchObject({ option });
    expect((error as Error).message).toContain(`"${option}" came from forRootAsync()'s factory`);
    expect((error as Error).message).toContain(`forRootAsync({ ${option}: ..., useFactory, inject })`);
  });

  it('refuses an extra from a useClass options factory too', async () => {
    class Settings {
      create() {
        return { ...valid, hooks: ['call', 'recording'] } as CinnoxModuleOptions;
      }
    }
    const compiling = Test.createTestingModule({
      imports: [EventEmitterModule.forRoot(), CinnoxModule.forRootAsync({ useClass: Settings })],
    }).compile();
    await expect(compiling).rejects.toThrow(/"hooks" came from forRootAsync\(\)'s factory/);
  });

  it('takes the extras beside the options in forRoot and beside useFactory in forRootAsync', async () => {
    for (const module of [
      CinnoxModule.forRoot({
        ...valid,
        isGlobal: true,
        hooks: ['call', 'recording'],
        webhookPath: 'calls-in',
        hookPaths: { recording: 'recordings-in' },
      }),
      CinnoxModule.forRootAsync({
        isGlobal: true,
        hooks: ['call', 'recording'],
        webhookPath: 'calls-in',
        hookPaths: { recording: 'recordings-in' },
        useFactory: () => valid,
      }),
    ]) {
      expect(module.global).toBe(true);
      expect(module.controllers).toHaveLength(2);
      const moduleRef = await Test.createTestingModule({ imports: [EventEmitterModule.forRoot(), module] }).compile();
      expect(moduleRef.get(CinnoxSubscriptionService)).toBeInstanceOf(CinnoxSubscriptionService);
      await moduleRef.close();
    }
  });

  // The resolved options carry the app token: no provider of the host may inject them, even knowing the token.
  it("keeps the resolved options to the module's own providers", async () => {
    const compiling = Test.createTestingModule({
      imports: [EventEmitterModule.forRoot(), CinnoxModule.forRoot(valid)],
      providers: [{ provide: 'peek', useFactory: (options: unknown) => options, inject: [CINNOX_RESOLVED_OPTIONS] }],
    }).compile();
    await expect(compiling).rejects.toThrow(/can't resolve dependencies of the peek \(\?\)/);
  });
});
