import { createServer } from 'node:net';
import { describe, expect } from 'vitest';
import {
  CinnoxApiError,
  CinnoxErrorCode,
  CinnoxError,
  CinnoxNetworkError,
  CinnoxOptionsError,
  CinnoxResponseError,
  type CinnoxModuleOptions,
} from 'nestjs-cinnox';
import { APP_ID, APP_TOKEN, test } from './support/e2e.fixture.js';
import type { CinnoxSimulator } from 'nestjs-cinnox/testing';

const NO_RETRY: Partial<CinnoxModuleOptions> = { retry: { retries: 0 } };

/** Every way the error could carry the app token out, flattened to text. */
const leaks = (error: unknown): string =>
  [String(error), (error as Error).stack, JSON.stringify(error), JSON.stringify((error as Error).cause ?? null)].join('\n');

describe('CinnoxSubscriptionService against CINNOX', () => {
  const patchesTo = (simulator: CinnoxSimulator) => simulator.requests.filter((request) => request.method === 'PATCH');

  test('sends the documented PATCH: path, bearer token, JSON body', async ({ simulator, startHost }) => {
    const harness = await startHost();
    const subscription = await harness.subscriptions.subscribe(harness.webhookUrl);

    expect(subscription).toEqual({ enabled: true, url: harness.webhookUrl, updatedAt: expect.any(Date) });
    expect(patchesTo(simulator)).toEqual([
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

    expect(patchesTo(simulator)[0]?.path).toBe(`/v1/api/apps/${APP_ID}/recording-event-sub`);
    expect(simulator.subscription('recording')?.enabled).toBe(true);
  });

  test.for(['ftp://example.com/hook', 'not a url', '/relative/hook', ''])(
    'refuses %j before sending anything',
    async (url, { simulator, startHost }) => {
      const harness = await startHost();
      const error = await harness.subscriptions.subscribe(url).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(CinnoxOptionsError);
      expect(error).toMatchObject({ option: 'url', message: expect.stringContaining('absolute http:// or https:// URL') });
      expect(patchesTo(simulator)).toEqual([]);
    },
  );

  test('maps 401 (code 6452000, invalid token) to CinnoxApiError without leaking the token', async ({ startHost }) => {
    const harness = await startHost({ ...NO_RETRY, appToken: 'the-wrong-app-token-value' });
    const error = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toBeInstanceOf(CinnoxError);
    expect(error).toMatchObject({
      status: 401,
      code: CinnoxErrorCode.InvalidToken,
      isInvalidToken: true,
      vendorMessage: expect.any(String),
      message: expect.stringContaining('Check appToken'),
    });
    expect(leaks(error)).not.toContain('the-wrong-app-token-value');
  });

  test('maps an unreachable CINNOX to CinnoxNetworkError after the retries, without leaking the token', async ({ startHost }) => {
    const closed = createServer();
    const port = await new Promise<number>((resolve) =>
      closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)),
    );
    await new Promise((resolve) => closed.close(resolve));
    const harness = await startHost({ baseUrl: `http://127.0.0.1:${port}`, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } });

    const error = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxNetworkError);
    expect(error).toMatchObject({ errorCode: 'ECONNREFUSED', timedOut: false, attempts: 3 });
    expect(leaks(error)).not.toContain(APP_TOKEN);
  });

  test('maps a 2xx with an undocumented body to CinnoxResponseError', async ({ simulator, startHost }) => {
    const harness = await startHost(NO_RETRY);
    simulator.failNext({ status: 200, body: { code: 0, result: { enabled: 'yes', url: 'x', updatedAt: 'now' } } });
    const wrongType = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);
    simulator.failNext({ status: 200, body: { code: 0, result: { enabled: true, url: 'x', updatedAt: '07/11/2022' } } });
    const wrongDate = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);

    expect(wrongType).toBeInstanceOf(CinnoxResponseError);
    expect(wrongType).toMatchObject({ status: 200, message: expect.stringContaining('"result.enabled" is not a boolean') });
    expect(wrongDate).toMatchObject({ message: expect.stringContaining('RFC 3339') });
  });

  test('URL-encodes the app id', async ({ simulator, startHost }) => {
    const harness = await startHost({ appId: 'team a/b' });
    const error = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);

    expect(patchesTo(simulator)[0]?.path).toBe('/v1/api/apps/team%20a%2Fb/call-event-sub');
    // The simulator knows only its own app id.
    expect(error).toMatchObject({ status: 404, code: CinnoxErrorCode.InvalidAppId, isInvalidAppId: true });
  });

  test('subscribes for another CINNOX app when the call overrides app id and token', async ({ simulator, startHost }) => {
    const harness = await startHost({ appId: 'main-app', appToken: 'main-app-token' });
    const subscription = await harness.subscriptions.subscribe(harness.webhookUrl, 'call', {
      appId: APP_ID,
      appToken: APP_TOKEN,
    });

    expect(subscription.enabled).toBe(true);
    expect(patchesTo(simulator)[0]).toMatchObject({
      path: `/v1/api/apps/${APP_ID}/call-event-sub`,
      authorization: `Bearer ${APP_TOKEN}`,
    });
  });
});
