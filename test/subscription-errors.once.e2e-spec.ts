import { describe, expect } from 'vitest';
import { CinnoxApiError, CinnoxNetworkError } from 'nestjs-cinnox';
import { closedPort } from './support/closed-port.js';
import { APP_ID, APP_TOKEN, cinnoxEnv, test } from './support/e2e.fixture.js';

// How the running app's CinnoxSubscriptionService fails against CINNOX. The sample app keeps the
// library's default retries (3, on network errors and 5xx; never on other 4xx), so the 502 and
// unreachable cases take a few seconds of backoff.

describe('subscription errors', () => {
  test('a wrong app token: CinnoxApiError 401, not retried, nothing stored', async ({ simulator, startSample }) => {
    const app = await startSample({ ...cinnoxEnv(simulator), ...{ CINNOX_APP_TOKEN: 'wrong' } });

    const error = await app.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 401, attempts: 1 });
    expect(simulator.requests.filter((request) => request.method === 'PATCH')).toEqual([
      expect.objectContaining({ authorization: 'Bearer wrong', status: 401 }),
    ]);
    expect(simulator.subscription()).toBeUndefined();
  });

  test('CINNOX refusing with its own code: CinnoxApiError carries code 4001 and the vendor message', async ({ simulator, startSample }) => {
    const app = await startSample({ ...cinnoxEnv(simulator) });
    simulator.failNext({ status: 400, body: { code: 4001, message: 'url not allowed' } });

    const error = await app.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 400, code: 4001, vendorMessage: 'url not allowed', attempts: 1 });
    expect((error as Error).message).toContain('url not allowed');
    expect(simulator.subscription()).toBeUndefined();
  });

  test('CINNOX answering 502 on every attempt: CinnoxApiError 502 after the retries', async ({ simulator, startSample }) => {
    const app = await startSample({ ...cinnoxEnv(simulator) });
    simulator.failNext({ status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });

    const error = await app.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 502, attempts: 4 });
    expect(simulator.requests.filter((request) => request.method === 'PATCH').map((request) => request.status)).toEqual([
      502, 502, 502, 502,
    ]);
    expect(simulator.subscription()).toBeUndefined();
  });

  test('CINNOX answering 502 once: the retry subscribes', async ({ simulator, startSample }) => {
    const app = await startSample({ ...cinnoxEnv(simulator) });
    simulator.failNext({ status: 502 });

    const subscription = await app.subscribe();

    expect(subscription).toMatchObject({ enabled: true, url: app.webhookUrl });
    expect(simulator.requests.filter((request) => request.method === 'PATCH').map((request) => request.status)).toEqual([502, 200]);
    expect(simulator.subscription()?.enabled).toBe(true);
  });

  test('CINNOX_BASE_URL on a closed port: CinnoxNetworkError', async ({ startSample }) => {
    const sample = await startSample({
      CINNOX_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
      CINNOX_APP_ID: APP_ID,
      CINNOX_APP_TOKEN: APP_TOKEN,
    });

    const error = await sample.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxNetworkError);
    expect(error).toMatchObject({ errorCode: 'ECONNREFUSED', timedOut: false, attempts: 4 });
  });
});
