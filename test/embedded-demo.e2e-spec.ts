import { describe, expect } from 'vitest';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { adminRequest } from './support/admin-client.js';
import { test } from './support/e2e.fixture.js';

// With no CINNOX_BASE_URL the sample app runs its own simulator, the library subscribes the app to it,
// and demo calls start once the subscription is active.

/** A URL verification: a body with only a challenge. */
const isVerification = (body: unknown) => typeof body === 'object' && body !== null && Object.keys(body).join() === 'challenge';

// Waits out a span in which nothing may happen: an absence cannot be polled for.
const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CallView {
  status: string;
  caller: { number?: string } | null;
  durationMs: number | null;
}

describe('embedded demo', () => {
  test('shows ended demo calls in GET /calls, and stops its simulator and timers on close', async ({ startSample }) => {
    const sample = await startSample({ CINNOX_DEMO_INTERVAL_MS: '300' });
    await expect.poll(() => sample.subscriptionState()).toBe('active');

    const ended = async () => ((await sample.get('/calls')).body as CallView[]).find((call) => call.status === 'ended');
    await expect.poll(ended, { timeout: 10_000 }).toMatchObject({
      caller: { number: expect.stringMatching(/^\+?\d+$/) },
      durationMs: expect.any(Number),
    });

    const embedded = sample.app.get(CinnoxSimulator);
    const embeddedUrl = embedded.baseUrl;
    await expect(sample.close()).resolves.toBeUndefined();

    // The simulator no longer listens.
    await expect(fetch(embeddedUrl)).rejects.toThrow('fetch failed');
    // Deliveries under way finished before the server closed: none was cut off.
    expect(embedded.deliveries.filter((delivery) => delivery.error !== undefined)).toEqual([]);
    // No demo timer fires any more: each would record a delivery.
    const deliveries = embedded.deliveries.length;
    await quietFor(3 * 300);
    expect(embedded.deliveries).toHaveLength(deliveries);
  });

  test('with SAMPLE_FAIL_CALL_PREFIX, places calls whose start fails and is logged as failed', async ({ startSample }) => {
    const token = 'admin-token-0123456789';
    const sample = await startSample({ CINNOX_DEMO_INTERVAL_MS: '200', SAMPLE_FAIL_CALL_PREFIX: 'fail-', ADMIN_TOKEN: token });
    const failed = async () =>
      (await adminRequest(sample.url, '/admin/deliveries?failedOnly=true', { token })).body as { eventIds: string[]; outcome: string }[];
    await expect.poll(async () => (await failed()).length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect((await failed())[0]).toMatchObject({ eventIds: [expect.stringMatching(/^call:fail-.+:CallStart$/)], outcome: 'failed' });
    // Only those: the other demo calls' deliveries are delivered.
    const all = (await adminRequest(sample.url, '/admin/deliveries?hook=call&limit=1000', { token })).body as {
      eventIds: string[];
      outcome: string;
    }[];
    expect(all.filter((entry) => entry.outcome === 'failed').every((entry) => entry.eventIds[0]!.startsWith('call:fail-'))).toBe(true);
    expect(all.some((entry) => entry.outcome === 'delivered')).toBe(true);
  });

  test('lets the demo call under way finish when the app closes at once', async ({ startSample }) => {
    const app = await startSample({ CINNOX_DEMO_INTERVAL_MS: '300' });
    const embedded = app.app.get(CinnoxSimulator);
    // The demo places its first call as the subscription becomes active.
    await expect.poll(() => app.subscriptionState()).toBe('active');
    await app.close(); // the first demo call is being delivered right now
    // That delivery is recorded once it ends: with its status, or with an error had the close cut it off.
    await expect.poll(() => embedded.deliveries.length).toBeGreaterThan(0);

    // The other hooks may still be verifying their URLs when the app closes: a subscription the shutdown
    // cuts short is not a lost notification, so only notifications count here.
    const notifications = embedded.deliveries.filter((delivery) => !isVerification(delivery.body));
    expect(notifications.filter((delivery) => delivery.error !== undefined)).toEqual([]);
    expect(notifications.at(-1)).toMatchObject({ status: 200 });
  });
});
