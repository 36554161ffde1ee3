import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CinnoxApiError,
  CinnoxError,
  CinnoxNetworkError,
  CinnoxOptionsError,
  CinnoxResponseError,
  type CinnoxModuleOptions,
} from 'nestjs-cinnox';
import { startHarness, type Harness } from './support/library-harness.js';

const NO_RETRY: Partial<CinnoxModuleOptions> = { retry: { retries: 0 } };

/** Every way the error could carry the app token out, flattened to text. */
const leaks = (error: unknown): string =>
  [String(error), (error as Error).stack, JSON.stringify(error), JSON.stringify((error as Error).cause ?? null)].join('\n');

describe('CinnoxSubscriptionService against CINNOX', () => {
  let harness: Harness;
  afterEach(() => harness?.close());

  const patches = () => harness.simulator.requests.filter((request) => request.method === 'PATCH');

  it('sends the documented PATCH: path, bearer token, JSON body', async () => {
    harness = await startHarness();
    const subscription = await harness.subscriptions.subscribe(harness.webhookUrl);

    expect(subscription).toEqual({ enabled: true, url: harness.webhookUrl, updatedAt: expect.any(Date) });
    expect(patches()).toEqual([
      expect.objectContaining({
        path: '/v1/api/apps/harness-app/call-event-sub',
        authorization: 'Bearer harness-token-0123456789',
        body: { enabled: true, url: harness.webhookUrl },
        status: 200,
      }),
    ]);
  });

  it('addresses sibling hooks by their path suffix', async () => {
    harness = await startHarness();
    await harness.subscriptions.set({ enabled: true, url: harness.webhookUrl }, 'recording');

    expect(patches()[0]?.path).toBe('/v1/api/apps/harness-app/recording-event-sub');
    expect(harness.simulator.subscription('recording')?.enabled).toBe(true);
  });

  it.each(['ftp://example.com/hook', 'not a url', '/relative/hook', ''])('refuses %j before sending anything', async (url) => {
    harness = await startHarness();
    const error = await harness.subscriptions.subscribe(url).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxOptionsError);
    expect(error).toMatchObject({ option: 'url', message: expect.stringContaining('absolute http:// or https:// URL') });
    expect(patches()).toEqual([]);
  });

  it('maps 401 (code 6452000, invalid token) to CinnoxApiError without leaking the token', async () => {
    harness = await startHarness({ ...NO_RETRY, appToken: 'the-wrong-app-token-value' });
    const error = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toBeInstanceOf(CinnoxError);
    expect(error).toMatchObject({
      status: 401,
      code: CinnoxApiError.INVALID_TOKEN,
      isInvalidToken: true,
      vendorMessage: expect.any(String),
      message: expect.stringContaining('Check appToken'),
    });
    expect(leaks(error)).not.toContain('the-wrong-app-token-value');
  });

  it('maps an unreachable CINNOX to CinnoxNetworkError after the retries, without leaking the token', async () => {
    const closed = createServer();
    const port = await new Promise<number>((resolve) =>
      closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)),
    );
    await new Promise((resolve) => closed.close(resolve));
    harness = await startHarness({ baseUrl: `http://127.0.0.1:${port}`, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } });

    const error = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CinnoxNetworkError);
    expect(error).toMatchObject({ errorCode: 'ECONNREFUSED', timedOut: false, attempts: 3 });
    expect(leaks(error)).not.toContain('harness-token-0123456789');
  });

  it('maps a 2xx with an undocumented body to CinnoxResponseError', async () => {
    harness = await startHarness(NO_RETRY);
    harness.simulator.failNext({ status: 200, body: { code: 0, result: { enabled: 'yes', url: 'x', updatedAt: 'now' } } });
    const wrongType = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);
    harness.simulator.failNext({ status: 200, body: { code: 0, result: { enabled: true, url: 'x', updatedAt: '07/11/2022' } } });
    const wrongDate = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);

    expect(wrongType).toBeInstanceOf(CinnoxResponseError);
    expect(wrongType).toMatchObject({ status: 200, message: expect.stringContaining('"result.enabled" is not a boolean') });
    expect(wrongDate).toMatchObject({ message: expect.stringContaining('RFC 3339') });
  });

  it('URL-encodes the app id', async () => {
    harness = await startHarness({ appId: 'team a/b' });
    const error = await harness.subscriptions.subscribe(harness.webhookUrl).catch((e: unknown) => e);

    expect(patches()[0]?.path).toBe('/v1/api/apps/team%20a%2Fb/call-event-sub');
    // The simulator knows only its own app id.
    expect(error).toMatchObject({ status: 404, code: CinnoxApiError.INVALID_APP_ID, isInvalidAppId: true });
  });

  it('subscribes for another CINNOX app when the call overrides app id and token', async () => {
    harness = await startHarness({ appId: 'main-app', appToken: 'main-app-token' });
    const subscription = await harness.subscriptions.subscribe(harness.webhookUrl, 'call', {
      appId: 'harness-app',
      appToken: 'harness-token-0123456789',
    });

    expect(subscription.enabled).toBe(true);
    expect(patches()[0]).toMatchObject({
      path: '/v1/api/apps/harness-app/call-event-sub',
      authorization: 'Bearer harness-token-0123456789',
    });
  });
});
