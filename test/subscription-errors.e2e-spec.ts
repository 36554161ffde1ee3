import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CinnoxApiError, CinnoxNetworkError } from 'nestjs-cinnox';
import type { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { APP_ID, APP_TOKEN, cinnoxEnv, startApp, startSimulator, type E2eApp } from './support/start-app.js';

// How the running app's CinnoxSubscriptionService fails against CINNOX. The sample app keeps the
// library's default retries (3, on network errors and 5xx; never on other 4xx), so the 502 and
// unreachable cases take a few seconds of backoff.

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('subscription errors', () => {
  let simulator: CinnoxSimulator | undefined;
  let sample: E2eApp | undefined;
  afterEach(async () => {
    await sample?.close();
    await simulator?.stop();
    sample = simulator = undefined;
  });

  async function appAgainstSimulator(env: NodeJS.ProcessEnv = {}): Promise<E2eApp> {
    simulator = await startSimulator();
    sample = await startApp({ ...cinnoxEnv(simulator), ...env });
    return sample;
  }

  const patches = () => simulator!.requests.filter((request) => request.method === 'PATCH');

  it('a wrong app token: CinnoxApiError 401, not retried, nothing stored', async () => {
    const app = await appAgainstSimulator({ CINNOX_APP_TOKEN: 'wrong' });

    const error = await app.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 401, attempts: 1 });
    expect(patches()).toEqual([expect.objectContaining({ authorization: 'Bearer wrong', status: 401 })]);
    expect(simulator!.subscription()).toBeUndefined();
  });

  it('CINNOX refusing with its own code: CinnoxApiError carries code 4001 and the vendor message', async () => {
    const app = await appAgainstSimulator();
    simulator!.failNext({ status: 400, body: { code: 4001, message: 'url not allowed' } });

    const error = await app.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 400, code: 4001, vendorMessage: 'url not allowed', attempts: 1 });
    expect((error as Error).message).toContain('url not allowed');
    expect(simulator!.subscription()).toBeUndefined();
  });

  it('CINNOX answering 502 on every attempt: CinnoxApiError 502 after the retries', async () => {
    const app = await appAgainstSimulator();
    simulator!.failNext({ status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });

    const error = await app.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 502, attempts: 4 });
    expect(patches().map((request) => request.status)).toEqual([502, 502, 502, 502]);
    expect(simulator!.subscription()).toBeUndefined();
  });

  it('CINNOX answering 502 once: the retry subscribes', async () => {
    const app = await appAgainstSimulator();
    simulator!.failNext({ status: 502 });

    const subscription = await app.subscribe();

    expect(subscription).toMatchObject({ enabled: true, url: app.webhookUrl });
    expect(patches().map((request) => request.status)).toEqual([502, 200]);
    expect(simulator!.subscription()?.enabled).toBe(true);
  });

  it('CINNOX_BASE_URL on a closed port: CinnoxNetworkError', async () => {
    sample = await startApp({
      CINNOX_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
      CINNOX_APP_ID: APP_ID,
      CINNOX_APP_TOKEN: APP_TOKEN,
    });

    const error = await sample.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxNetworkError);
    expect(error).toMatchObject({ errorCode: 'ECONNREFUSED', timedOut: false, attempts: 4 });
  });
});
