import { createServer } from 'node:net';
import { describe, expect } from 'vitest';
import { cinnoxEnv, test } from './support/e2e.fixture.js';

// The sample against a (simulated) real CINNOX: CINNOX_HOOKS picks the hooks, CINNOX_PUBLIC_URL derives
// each hook's webhook URL, CINNOX_WEBHOOK_URL wins for the call hook.

/** A port free a moment ago: the public URL must name the port before the app listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the sample app, hooks picked by CINNOX_HOOKS', () => {
  test('subscribes each hook at CINNOX_PUBLIC_URL + its route, the call hook at CINNOX_WEBHOOK_URL', async ({ simulator, startSample }) => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const callUrl = `${base}/cinnox/webhooks/call-events?via=webhook-url`;
    await startSample({
      ...cinnoxEnv(simulator),
      PORT: String(port),
      CINNOX_HOOKS: 'call,recording,inbound-sms',
      CINNOX_PUBLIC_URL: `${base}/`,
      CINNOX_WEBHOOK_URL: callUrl,
    });

    await expect
      .poll(() => ['call', 'recording', 'inbound-sms'].map((hook) => simulator.subscription(hook)?.url))
      .toEqual([callUrl, `${base}/cinnox/webhooks/recording-events`, `${base}/cinnox/webhooks/inbound-sms-events`]);
    expect(simulator.subscription('inquiry')).toBeUndefined();
  });
});
