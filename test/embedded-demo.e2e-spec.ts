import { afterEach, describe, expect, it } from 'vitest';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { startApp, type E2eApp } from './support/start-app.js';

// With no CINNOX_BASE_URL the sample app runs its own simulator, the library subscribes the app to it,
// and demo calls start once the subscription is active.

/** A URL verification: a body with only a challenge. */
const isVerification = (body: unknown) => typeof body === 'object' && body !== null && Object.keys(body).join() === 'challenge';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CallView {
  status: string;
  caller: { number?: string } | null;
  durationMs: number | null;
}

describe('embedded demo', () => {
  let sample: E2eApp | undefined;
  afterEach(async () => {
    await sample?.close();
    sample = undefined;
  });

  it('shows ended demo calls in GET /calls, and stops its simulator and timers on close', async () => {
    sample = await startApp({ CINNOX_DEMO_INTERVAL_MS: '300' });
    const started = sample;
    await expect.poll(() => started.subscriptionState()).toBe('active');

    let calls: CallView[] = [];
    for (const deadline = Date.now() + 5000; Date.now() < deadline && !calls.some((call) => call.status === 'ended');) {
      await sleep(100);
      calls = (await sample.get('/calls')).body;
    }
    expect(calls.find((call) => call.status === 'ended')).toMatchObject({
      caller: { number: expect.stringMatching(/^\+?\d+$/) },
      durationMs: expect.any(Number),
    });

    const embedded = sample.app.get(CinnoxSimulator);
    const embeddedUrl = embedded.baseUrl;
    const app = sample;
    sample = undefined;
    await expect(app.close()).resolves.toBeUndefined();

    // The simulator no longer listens.
    await expect(fetch(embeddedUrl)).rejects.toThrow('fetch failed');
    // Deliveries under way finished before the server closed: none was cut off.
    expect(embedded.deliveries.filter((delivery) => delivery.error !== undefined)).toEqual([]);
    // No demo timer fires any more: each would record a delivery.
    const deliveries = embedded.deliveries.length;
    await sleep(3 * 300);
    expect(embedded.deliveries).toHaveLength(deliveries);
  });

  it('lets the demo call under way finish when the app closes at once', async () => {
    const app = await startApp({ CINNOX_DEMO_INTERVAL_MS: '300' });
    const embedded = app.app.get(CinnoxSimulator);
    // The demo places its first call as the subscription becomes active.
    await expect.poll(() => app.subscriptionState()).toBe('active');
    await app.close(); // the first demo call is being delivered right now
    await sleep(200); // a delivery cut off by the close would be recorded (as an error) about now

    // The other hooks may still be verifying their URLs when the app closes: a subscription the shutdown
    // cuts short is not a lost notification, so only notifications count here.
    const notifications = embedded.deliveries.filter((delivery) => !isVerification(delivery.body));
    expect(notifications.filter((delivery) => delivery.error !== undefined)).toEqual([]);
    expect(notifications.at(-1)).toMatchObject({ status: 200 });
  });
});
