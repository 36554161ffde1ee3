import type { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CinnoxNetworkError } from '../errors/cinnox-network.error.js';
import type { CinnoxSubscriptionChangedEvent } from '../domain/cinnox-subscription-changed.event.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import type { CinnoxResolvedSubscriptionOptions } from '../cinnox-subscription-options.interface.js';
import { CinnoxHookSubscription } from './cinnox-hook-subscription.js';
import type { CinnoxSubscriptionService } from './cinnox-subscription.service.js';

// The timing rules of one hook's state machine, on fake time. The HTTP paths are covered end to end
// (test/subscription-lifecycle*.e2e-spec.ts); here the client is a stand-in so hours pass in microseconds.

const URL = 'https://example.com/cinnox/webhooks/call-events';
const settings: CinnoxResolvedSubscriptionOptions = {
  url: URL,
  refreshIntervalMs: 3_600_000,
  maxSilenceMs: 1000,
  unsubscribeOnShutdown: false,
  unsubscribeTimeoutMs: 2000,
  backoff: { initialDelayMs: 20, maxDelayMs: 100 },
  paths: {},
};

function machine(outcomes: (() => Promise<unknown>)[] = []) {
  const calls: number[] = [];
  const client = {
    set: () => {
      calls.push(Date.now());
      return (outcomes.shift() ?? (() => Promise.resolve({ enabled: true, url: URL, updatedAt: new Date() })))();
    },
  } as unknown as CinnoxSubscriptionService;
  const status = new CinnoxStatus();
  const events: CinnoxSubscriptionChangedEvent[] = [];
  const lines: string[] = [];
  const record = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  const logger = { log: record('log'), warn: record('warn'), error: record('error') } as unknown as Logger;
  const hook = new CinnoxHookSubscription('call', URL, { client, status, options: settings, logger, changed: (e) => events.push(e) });
  return { hook, calls, status, events, lines };
}

const down = () => Promise.reject(new CinnoxNetworkError('CINNOX could not be reached', 'ECONNREFUSED', false));

describe('CinnoxHookSubscription timing', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('re-confirms after maxSilenceMs of silence, and a notification pushes that deadline back', async () => {
    const { hook, calls, status } = machine();
    hook.start();
    await vi.advanceTimersByTimeAsync(800);
    status.notified('call', new Date()); // t = 800
    await vi.advanceTimersByTimeAsync(900); // t = 1700: 900 ms of silence
    expect(calls).toEqual([0]);

    await vi.advanceTimersByTimeAsync(100); // t = 1800: 1000 ms of silence
    expect(calls).toEqual([0, 1800]);
    await vi.advanceTimersByTimeAsync(1000); // silence goes on: one PATCH per maxSilenceMs
    expect(calls).toEqual([0, 1800, 2800]);
  });

  it('backs off doubling, capped, between half and all of each wait, and logs the outage once', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const { hook, calls, events, lines } = machine([down, down, down, down, down]);
    hook.start();
    await vi.advanceTimersByTimeAsync(1000);

    const waits = calls.slice(1).map((at, i) => at - calls[i]!);
    expect(waits).toEqual([20, 40, 80, 100, 100]);
    expect(events.map((event) => event.state)).toEqual(['subscribing', 'retrying', 'active']);
    expect(lines.map((line) => line.split(':')[0])).toEqual(['log', 'warn', 'log']);
  });

  it('leaves no timer behind once stopped', async () => {
    const { hook, calls } = machine();
    hook.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(1);

    await hook.stop(false, 2000);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000_000);
    expect(calls).toEqual([0]);
  });
});
