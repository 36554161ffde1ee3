import { afterEach, describe, expect, it } from 'vitest';
import { CinnoxStatus, type CinnoxModuleOptions } from 'nestjs-cinnox';
import { harnessWebhookUrl, startHarness, type Harness } from './support/library-harness.js';
import { LogRecorder } from './support/log-recorder.js';
import { SubscriptionRecorder } from './support/subscription-recorder.js';

// What the subscription lifecycle does when the app shuts down (app.close(), as SIGTERM runs it).

describe('the subscription lifecycle on shutdown', () => {
  let harness: Harness | undefined;
  let logs: LogRecorder;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function active(subscription: Partial<NonNullable<CinnoxModuleOptions['subscription']>>): Promise<Harness> {
    logs = new LogRecorder();
    harness = await startHarness(
      {
        retry: { retries: 0 },
        subscription: { url: harnessWebhookUrl, backoff: { initialDelayMs: 20, maxDelayMs: 100 }, ...subscription },
      },
      { providers: [SubscriptionRecorder], logger: logs },
    );
    await expect.poll(() => harness!.app.get(CinnoxStatus).lifecycle()?.state).toBe('active');
    return harness;
  }

  /** Closes the app (not the simulator) and says how long it took. */
  async function closeApp(): Promise<number> {
    const { app } = harness!;
    const started = Date.now();
    await app.close();
    return Date.now() - started;
  }

  it('unsubscribes before the server closes when unsubscribeOnShutdown is set', async () => {
    const { simulator, app } = await active({ unsubscribeOnShutdown: true });
    const recorder = app.get(SubscriptionRecorder);

    await closeApp();

    expect(simulator.subscription()).toMatchObject({ enabled: false });
    expect(simulator.requests.filter((request) => request.method === 'PATCH').map((request) => request.body)).toEqual([
      { enabled: true, url: harness!.webhookUrl },
      { enabled: false, url: harness!.webhookUrl },
    ]);
    expect(recorder.states).toEqual(['subscribing', 'active', 'off']);
    expect(logs.of('CinnoxSubscription').at(-1)!.message).toContain('Unsubscribed');
  });

  it('leaves the subscription alone by default (another replica may be serving it)', async () => {
    const { simulator } = await active({});

    await closeApp();

    expect(simulator.subscription()).toMatchObject({ enabled: true });
    expect(simulator.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
  });

  it('gives the unsubscribe its own deadline, so a hanging CINNOX cannot hold the shutdown', async () => {
    const { simulator } = await active({ unsubscribeOnShutdown: true, unsubscribeTimeoutMs: 300 });
    simulator.failNext({ delayMs: 5000 });

    const tookMs = await closeApp();

    expect(tookMs).toBeLessThan(2000);
    expect(simulator.subscription()).toMatchObject({ enabled: true });
    expect(logs.of('CinnoxSubscription').at(-1)).toMatchObject({
      level: 'warn',
      message: expect.stringContaining('Could not unsubscribe'),
    });
  });

  it('does not wait for a subscription attempt CINNOX leaves hanging', async () => {
    logs = new LogRecorder();
    harness = await startHarness({ subscription: { url: harnessWebhookUrl } }, { logger: logs });
    harness.simulator.failNext({ delayMs: 5000 });
    await expect.poll(() => harness!.app.get(CinnoxStatus).lifecycle()?.state).toBe('subscribing');

    // Without the abort, close() would wait for the client's 10 s timeout.
    expect(await closeApp()).toBeLessThan(2000);
    expect(logs.of('CinnoxSubscription').map((line) => line.level)).toEqual(['log']);
  });
});
