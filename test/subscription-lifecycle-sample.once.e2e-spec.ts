import { describe, expect } from 'vitest';
import { CinnoxStatus } from 'nestjs-cinnox';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { runCli } from 'nestjs-cinnox/cli';
import { test } from './support/e2e.fixture.js';

// The sample app hands its subscription to the library: CINNOX_WEBHOOK_URL (or, embedded, its loopback
// URL) is the lifecycle's URL; CINNOX_SUBSCRIPTION_REFRESH_MS and CINNOX_UNSUBSCRIBE_ON_SHUTDOWN tune it.

describe('the sample app on the subscription lifecycle', () => {
  test('embedded: subscribes, restores a dropped subscription at the refresh, unsubscribes on close', async ({ startSample }) => {
    const app = await startSample({
      CINNOX_DEMO_INTERVAL_MS: '0',
      CINNOX_SUBSCRIPTION_REFRESH_MS: '200',
      CINNOX_UNSUBSCRIBE_ON_SHUTDOWN: 'true',
    });
    const embedded = app.app.get(CinnoxSimulator);
    await expect.poll(() => app.subscriptionState()).toBe('active');
    // The embedded demo receives every hook: the CLI's exit code 0 needs each of them active.
    const status = app.app.get(CinnoxStatus);
    await expect.poll(() => status.hooks.filter((hook) => status.lifecycle(hook)?.state !== 'active')).toEqual([]);
    expect((await app.get('/health')).body.details['cinnox.call']).toMatchObject({ status: 'up', state: 'active', refreshIntervalMs: 200 });
    const out: string[] = [];
    expect(
      await runCli(
        ['status', app.url],
        {},
        (line) => out.push(line),
        () => undefined,
      ),
    ).toBe(0);
    expect(out[0]).toBe(`${app.url}/health:`);
    expect(out[1]).toMatch(/^cinnox\.call: up; subscription subscribed \(lifecycle active\); last notification never$/);

    embedded.dropSubscription();
    await expect.poll(() => embedded.subscription()?.enabled).toBe(true);

    await app.close();
    expect(embedded.subscription()).toMatchObject({ enabled: false });
  });

  test('refuses a bad CINNOX_SUBSCRIPTION_REFRESH_MS or CINNOX_SUBSCRIPTION_MAX_SILENCE_MS at start-up with its name', async ({
    startSample,
  }) => {
    await expect(startSample({ CINNOX_SUBSCRIPTION_REFRESH_MS: '0' })).rejects.toThrow('CINNOX_SUBSCRIPTION_REFRESH_MS must be');
    await expect(startSample({ CINNOX_SUBSCRIPTION_MAX_SILENCE_MS: 'soon' })).rejects.toThrow('CINNOX_SUBSCRIPTION_MAX_SILENCE_MS must be');
  });
});
