import { describe, expect } from 'vitest';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { test } from './support/e2e.fixture.js';

// With no CINNOX_BASE_URL the sample app runs its own simulator, subscribes itself and places demo calls.

interface CallView {
  status: string;
  caller: { number?: string } | null;
}

const DEMO_INTERVAL_MS = 100;
const isDemoCallStart = (body: unknown) => (body as { message?: { status?: string } }).message?.status === 'CallStart';

describe('embedded demo', () => {
  test('shows ended demo calls in GET /calls, and stops its simulator and timers on close', async ({ startSample }) => {
    const sample = await startSample({ CINNOX_DEMO_INTERVAL_MS: String(DEMO_INTERVAL_MS) });
    expect(sample.subscription?.enabled).toBe(true);

    await expect
      .poll(async () => ((await sample.get('/calls')).body as CallView[]).find((call) => call.status === 'ended'), { timeout: 5000 })
      .toMatchObject({ caller: { number: expect.stringMatching(/^\+?\d+$/) } });

    const embedded = sample.app.get(CinnoxSimulator);
    const embeddedUrl = embedded.baseUrl;
    await expect(sample.close()).resolves.toBeUndefined();

    // The simulator no longer listens.
    await expect(fetch(embeddedUrl)).rejects.toThrow('fetch failed');
    // Deliveries under way finished before the server closed: none was cut off.
    expect(embedded.deliveries.filter((delivery) => delivery.error !== undefined)).toEqual([]);
    // No demo timer fires any more: each would record a delivery (an error now). A negative can only be
    // watched for a while; three intervals would have shown three calls.
    const deliveries = embedded.deliveries.length;
    await new Promise((resolve) => setTimeout(resolve, 3 * DEMO_INTERVAL_MS));
    expect(embedded.deliveries).toHaveLength(deliveries);
  });

  test('lets the demo call under way finish when the app closes at once', async ({ startSample }) => {
    const app = await startSample({ CINNOX_DEMO_INTERVAL_MS: '300' });
    const embedded = app.app.get(CinnoxSimulator);
    expect(embedded.deliveries.filter((delivery) => isDemoCallStart(delivery.body))).toEqual([]); // still on its way

    await app.close(); // the first demo call is being delivered right now

    // close() waited for it: it is recorded, answered 200, and nothing was cut off.
    expect(embedded.deliveries.filter((delivery) => isDemoCallStart(delivery.body))).toEqual([
      expect.objectContaining({ status: 200, response: { code: 0, result: {} } }),
    ]);
    expect(embedded.deliveries.filter((delivery) => delivery.error !== undefined)).toEqual([]);
  });
});
