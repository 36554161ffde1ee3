import { describe, expect, vi } from 'vitest';
import { CinnoxStatus, type CinnoxModuleOptions } from 'nestjs-cinnox';
import { test as e2eTest, webhookUrlOf, type E2eHost } from './support/e2e.fixture.js';
import { LogRecorder } from './support/log-recorder.js';
import { SubscriptionRecorder } from './support/subscription-recorder.js';

// What the subscription lifecycle does when the app shuts down (app.close(), as SIGTERM runs it).

type Subscription = Partial<NonNullable<CinnoxModuleOptions['subscription']>>;

// `logs`: what the app logged; `active(subscription)`: the library host, its lifecycle active.
const test = e2eTest
  .extend('logs', () => new LogRecorder())
  .extend('active', ({ startHost, logs }) => async (subscription: Subscription): Promise<E2eHost> => {
    const host = await startHost(
      {
        retry: { retries: 0 },
        subscription: { url: webhookUrlOf, backoff: { initialDelayMs: 20, maxDelayMs: 100 }, ...subscription },
      },
      { providers: [SubscriptionRecorder], logger: logs },
    );
    await vi.waitFor(() => {
      const state = host.app.get(CinnoxStatus).lifecycle()?.state;
      if (state !== 'active') throw new Error(`the subscription is ${state ?? 'not started'}, not active yet`);
    });
    return host;
  });

/** Closes the app (not the simulator) and says how long it took. */
async function closeApp(host: E2eHost): Promise<number> {
  const started = Date.now();
  await host.app.close();
  return Date.now() - started;
}

describe('the subscription lifecycle on shutdown', () => {
  test('unsubscribes before the server closes when unsubscribeOnShutdown is set', async ({ simulator, active, logs }) => {
    const host = await active({ unsubscribeOnShutdown: true });
    const recorder = host.app.get(SubscriptionRecorder);

    await closeApp(host);

    expect(simulator.subscription()).toMatchObject({ enabled: false });
    expect(simulator.requests.filter((request) => request.method === 'PATCH').map((request) => request.body)).toEqual([
      { enabled: true, url: host.webhookUrl },
      { enabled: false, url: host.webhookUrl },
    ]);
    expect(recorder.states).toEqual(['subscribing', 'active', 'off']);
    expect(logs.of('CinnoxSubscription').at(-1)!.message).toContain('Unsubscribed');
  });

  test('leaves the subscription alone by default (another replica may be serving it)', async ({ simulator, active }) => {
    await closeApp(await active({}));

    expect(simulator.subscription()).toMatchObject({ enabled: true });
    expect(simulator.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
  });

  test('gives the unsubscribe its own deadline, so a hanging CINNOX cannot hold the shutdown', async ({ simulator, active, logs }) => {
    const host = await active({ unsubscribeOnShutdown: true, unsubscribeTimeoutMs: 300 });
    simulator.failNext({ delayMs: 5000 });

    const tookMs = await closeApp(host);

    expect(tookMs).toBeLessThan(2000);
    expect(simulator.subscription()).toMatchObject({ enabled: true });
    expect(logs.of('CinnoxSubscription').at(-1)).toMatchObject({
      level: 'warn',
      message: expect.stringContaining('Could not unsubscribe'),
    });
  });

  test('does not wait for a subscription attempt CINNOX leaves hanging', async ({ simulator, startHost, logs }) => {
    const host = await startHost({ subscription: { url: webhookUrlOf } }, { logger: logs });
    simulator.failNext({ delayMs: 5000 });
    await expect.poll(() => host.app.get(CinnoxStatus).lifecycle()?.state).toBe('subscribing');

    // Without the abort, close() would wait for the client's 10 s timeout.
    expect(await closeApp(host)).toBeLessThan(2000);
    expect(logs.of('CinnoxSubscription').map((line) => line.level)).toEqual(['log']);
  });
});
