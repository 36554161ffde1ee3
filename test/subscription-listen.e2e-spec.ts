import { describe, expect } from 'vitest';
import { CinnoxStatus } from 'nestjs-cinnox';
import { test, webhookUrlOf } from './support/e2e.fixture.js';

// The subscription lifecycle starts on the 'listening' event of the adapter's own node server, which
// Express and Fastify each create their way: on each adapter. What the lifecycle does once started runs once
// (subscription-lifecycle.once.e2e-spec.ts).

describe('the subscription lifecycle and the HTTP server', () => {
  test('never subscribes an app that is only initialised, and subscribes as soon as it listens', async ({ simulator, startHost }) => {
    const host = await startHost(
      { subscription: { url: webhookUrlOf, backoff: { initialDelayMs: 20, maxDelayMs: 100 } } },
      { listen: false },
    );
    const lifecycle = () => host.app.get(CinnoxStatus).lifecycle('call');
    const patches = () => simulator.requests.filter((request) => request.method === 'PATCH');
    expect(lifecycle()).toBeUndefined();
    expect(patches()).toEqual([]);

    await host.app.listen(0, '127.0.0.1');
    await expect.poll(() => lifecycle()?.state).toBe('active');
    expect(patches()).toHaveLength(1);
    // The URL was resolved with the address the server listens on.
    expect(simulator.subscription()?.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/cinnox\/webhooks\/call-events$/);
  });
});
