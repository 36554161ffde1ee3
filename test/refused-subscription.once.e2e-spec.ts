import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect } from 'vitest';
import { CinnoxApiError } from 'nestjs-cinnox';
import { cinnoxEnv, test as e2eTest } from './support/e2e.fixture.js';

/** A webhook that answers every POST 200 with a challenge that is not the one it was sent. */
async function startWrongChallengeWebhook(): Promise<{ server: Server; url: string; received: unknown[] }> {
  const received: unknown[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      received.push(JSON.parse(text));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 0, result: { challenge: 'wrong' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

describe('refused subscriptions', () => {
  // oxlint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from this pattern
  const test = e2eTest.extend('wrong', async ({}, { onCleanup }) => {
    const wrong = await startWrongChallengeWebhook();
    onCleanup(async () => {
      wrong.server.closeAllConnections();
      await new Promise((resolve) => wrong.server.close(resolve));
    });
    return wrong;
  });

  test('refuses a URL whose webhook echoes the wrong challenge: CinnoxApiError 400, nothing stored', async ({
    simulator,
    startSample,
    wrong,
  }) => {
    const sample = await startSample(cinnoxEnv(simulator));

    const error = await sample.subscriptions.subscribe(wrong.url).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 400, code: 400, vendorMessage: expect.stringContaining('did not echo the challenge') });
    expect(wrong.received).toEqual([{ challenge: expect.any(String) }]);
    expect(simulator.subscription()).toBeUndefined();
  });

  test('the sample app keeps retrying a CINNOX_WEBHOOK_URL whose challenge fails instead of crashing', async ({
    simulator,
    startSample,
    wrong,
  }) => {
    const app = await startSample({ ...cinnoxEnv(simulator), CINNOX_WEBHOOK_URL: wrong.url });

    // Each attempt is a fresh challenge to the webhook; CINNOX stores nothing.
    await expect.poll(() => wrong.received.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(app.subscriptionState()).toBe('retrying');
    expect(simulator.subscription()).toBeUndefined();
  });
});
