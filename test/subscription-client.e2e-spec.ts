import { describe, expect } from 'vitest';
import {
  CinnoxApiError,
  CinnoxError,
  CinnoxNetworkError,
  CinnoxOptionsError,
  CinnoxResponseError,
  type CinnoxModuleOptions,
} from 'nestjs-cinnox';
import { closedPort } from './support/closed-port.js';
import { APP_ID, APP_TOKEN, test } from './support/e2e.fixture.js';

const NO_RETRY: Partial<CinnoxModuleOptions> = { retry: { retries: 0 } };

/** Every way the error could carry the app token out, flattened to text. */
const leaks = (error: unknown): string =>
  [String(error), (error as Error).stack, JSON.stringify(error), JSON.stringify((error as Error).cause ?? null)].join('\n');

describe('CinnoxSubscriptionService against CINNOX', () => {
  test('sends the documented PATCH: path, bearer token, JSON body', async ({ simulator, startHost }) => {
    const harness = await startHost();
    const subscription = await harness.subscribe();

    expect(subscription).toEqual({ enabled: true, url: harness.webhookUrl, updatedAt: expect.any(Date) });
    expect(simulator.requests.filter((request) => request.method === 'PATCH')).toEqual([
      expect.objectContaining({
        path: `/v1/api/apps/${APP_ID}/call-event-sub`,
        authorization: `Bearer ${APP_TOKEN}`,
        body: { enabled: true, url: harness.webhookUrl },
        status: 200,
      }),
    ]);
  });

  test('addresses sibling hooks by their path suffix', async ({ simulator, startHost }) => {
    const harness = await startHost();
    await harness.subscriptions.set({ enabled: true, url: harness.webhookUrl }, 'recording');

    expect(simulator.requests.filter((request) => request.method === 'PATCH')[0]?.path).toBe(`/v1/api/apps/${APP_ID}/recording-event-sub`);
    expect(simulator.subscription('recording')?.enabled).toBe(true);
  });

  test.for(['ftp://example.com/hook', 'not a url', '/relative/hook', ''])(
    'refuses %j before sending anything',
    async (url, { simulator, startHost }) => {
      const harness = await startHost();
      const error = await harness.subscriptions.subscribe(url).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(CinnoxOptionsError);
      expect(error).toMatchObject({ option: 'url', message: expect.stringContaining('absolute http:// or https:// URL') });
      expect(simulator.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
    },
  );

  test('maps 401 to CinnoxApiError without leaking the token', async ({ startHost }) => {
    const harness = await startHost({ ...NO_RETRY, appToken: 'the-wrong-app-token-value' });
    const error = await harness.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toBeInstanceOf(CinnoxError);
    expect(error).toMatchObject({
      status: 401,
      code: 401,
      vendorMessage: expect.any(String),
      message: expect.stringContaining('Check appToken'),
    });
    expect(leaks(error)).not.toContain('the-wrong-app-token-value');
  });

  test('maps an unreachable CINNOX to CinnoxNetworkError after the retries, without leaking the token', async ({ startHost }) => {
    const harness = await startHost({
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });

    const error = await harness.subscribe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxNetworkError);
    expect(error).toMatchObject({ errorCode: 'ECONNREFUSED', timedOut: false, attempts: 3 });
    expect(leaks(error)).not.toContain(APP_TOKEN);
  });

  test('maps a 2xx with an undocumented body to CinnoxResponseError', async ({ simulator, startHost }) => {
    const harness = await startHost(NO_RETRY);
    simulator.failNext({ status: 200, body: { code: 0, result: { enabled: 'yes', url: 'x', updatedAt: 'now' } } });
    const wrongType = await harness.subscribe().catch((e: unknown) => e);
    simulator.failNext({ status: 200, body: { code: 0, result: { enabled: true, url: 'x', updatedAt: '07/11/2022' } } });
    const wrongDate = await harness.subscribe().catch((e: unknown) => e);

    expect(wrongType).toBeInstanceOf(CinnoxResponseError);
    expect(wrongType).toMatchObject({ status: 200, message: expect.stringContaining('"result.enabled" is not a boolean') });
    expect(wrongDate).toMatchObject({ message: expect.stringContaining('RFC 3339') });
  });

  test('URL-encodes the app id', async ({ simulator, startHost }) => {
    const harness = await startHost({ appId: 'team a/b' });
    const error = await harness.subscribe().catch((e: unknown) => e);

    expect(simulator.requests.filter((request) => request.method === 'PATCH')[0]?.path).toBe('/v1/api/apps/team%20a%2Fb/call-event-sub');
    expect(error).toMatchObject({ status: 404 }); // the simulator knows only its own app id
  });

  test('subscribes for another CINNOX app when the call overrides app id and token', async ({ simulator, startHost }) => {
    const harness = await startHost({ appId: 'main-app', appToken: 'main-app-token' });
    const subscription = await harness.subscriptions.subscribe(harness.webhookUrl, 'call', {
      appId: APP_ID,
      appToken: APP_TOKEN,
    });

    expect(subscription.enabled).toBe(true);
    expect(simulator.requests.filter((request) => request.method === 'PATCH')[0]).toMatchObject({
      path: `/v1/api/apps/${APP_ID}/call-event-sub`,
      authorization: `Bearer ${APP_TOKEN}`,
    });
  });
});
