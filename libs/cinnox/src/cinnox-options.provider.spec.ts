import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { CinnoxMemoryCallStore } from './calls/cinnox-memory-call.store.js';
import { resolveCinnoxOptions } from './cinnox-options.provider.js';
import { CinnoxModule } from './cinnox.module.js';
import { CinnoxOptionsError } from './errors/cinnox-options.error.js';
import type { CinnoxModuleOptions } from './interfaces/cinnox-options.interface.js';
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
      retry: { retries: 3, baseDelayMs: 200, maxDelayMs: 5000, deadlineMs: 30_000 },
      webhook: { bodyLimitBytes: 65_536, dedupeTtlMs: 86_400_000, awaitListeners: false },
      calls: { track: false, store: expect.any(CinnoxMemoryCallStore), maxCallDurationMs: 14_400_000, retentionMs: 86_400_000 },
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
    ['retry.retries', { ...valid, retry: { retries: -1 } }],
    ['webhook.secret', { ...valid, webhook: { secret: 'short' } }],
    ['webhook.allowedSources', { ...valid, webhook: { allowedSources: ['10.0.0.0/99'] } }],
    ['webhook.allowedSources', { ...valid, webhook: { allowedSources: ['not-an-ip'] } }],
    ['webhook.dedupeStore', { ...valid, webhook: { dedupeStore: {} } }],
    ['calls', { ...valid, calls: true }],
    ['calls.track', { ...valid, calls: { track: 'yes' } }],
    ['calls.store', { ...valid, calls: { track: true, store: {} } }],
    ['calls.maxCallDurationMs', { ...valid, calls: { track: true, maxCallDurationMs: 0 } }],
    ['calls.retentionMs', { ...valid, calls: { retentionMs: -1 } }],
    ['calls.maxRecords', { ...valid, calls: { maxRecords: 2.5 } }],
    ['calls.maxRecords', { ...valid, calls: { store: new CinnoxMemoryCallStore(), maxRecords: 10 } }],
  ])('refuses a bad %s with an error naming it', (option, options) => {
    const error = failure(options);
    expect(error).toBeInstanceOf(CinnoxOptionsError);
    expect(error.option).toBe(option);
    expect(error.message).toContain(`"${option}"`);
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

  it.each([
    ['forRootAsync', CinnoxModule.forRootAsync({ useFactory: async () => valid })],
    ['forRootAsync with isGlobal', CinnoxModule.forRootAsync({ isGlobal: true, useFactory: () => valid })],
  ])('%s compiles and provides the subscription service', async (_, module) => {
    const moduleRef = await Test.createTestingModule({ imports: [EventEmitterModule.forRoot(), module] }).compile();
    expect(moduleRef.get(CinnoxSubscriptionService)).toBeInstanceOf(CinnoxSubscriptionService);
    await moduleRef.close();
  });
});
