import { describe, expect } from 'vitest';
import { CINNOX_HOOKS, CINNOX_WEBHOOK_OPENAPI_BY_HOOK, CinnoxSubscriptionService, type CinnoxHookName } from 'nestjs-cinnox';
import { runCli } from 'nestjs-cinnox/cli';
import { callEndNotification, callStartNotification } from 'nestjs-cinnox/testing';
import { cinnoxEnv, test as e2eTest, type SampleHost } from './support/e2e.fixture.js';

// The sample host app (src/) against a simulated CINNOX, over real sockets, as `npm start` runs it.

/** The sample app pointed at the test's simulator, its webhook subscribed there. */
const test = e2eTest.extend('subscribed', async ({ simulator, startSample }) => async (): Promise<SampleHost> => {
  const sample = await startSample(cinnoxEnv(simulator));
  await sample.app.get(CinnoxSubscriptionService).subscribe(`${sample.url}/cinnox/webhooks/call-events`);
  return sample;
});

// The operation as the document serves it: JSON (undefined fields dropped).
const json = (value: object): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('sample app', () => {
  test('tracks a call from subscription to end: challenge, CallStart, CallEnd, GET /calls', async ({ simulator, subscribed }) => {
    const sample = await subscribed();
    expect(simulator.deliveries[0]).toMatchObject({ status: 200, response: { code: 0, result: { challenge: expect.any(String) } } });

    const call = await simulator.placeCall({
      caller: { eid: 's1', number: 85212345678 },
      callees: [{ number: '+85298765432' }, { eid: 's2' }],
    });
    expect(call).toMatchObject({ status: 200, response: { code: 0, result: {} } });
    // The call store is PostgreSQL: each half's write lands after the webhook's answer.
    await expect.poll(async () => (await sample.get(`/calls/${call.callId}`)).status).toBe(200);
    const active = await sample.get(`/calls/${call.callId}`);
    expect(active).toEqual({
      status: 200,
      body: {
        id: call.callId,
        serviceId: 'service-demo',
        status: 'active',
        caller: { eid: 's1', number: '85212345678' },
        callees: [{ number: '+85298765432' }, { eid: 's2' }],
        startedAt: expect.any(String),
        endedAt: null,
        durationMs: null,
        recordingStatus: null,
        source: 'webhook',
        cinnox: null,
        settledAt: null,
      },
    });

    await simulator.endCall(call.callId);
    await expect.poll(async () => (await sample.get(`/calls/${call.callId}`)).body.status).toBe('ended');
    const ended = await sample.get(`/calls/${call.callId}`);
    expect(ended.body).toMatchObject({ status: 'ended', endedAt: expect.any(String), startedAt: active.body.startedAt });
    expect(ended.body.durationMs).toBe(Date.parse(ended.body.endedAt) - Date.parse(active.body.startedAt));
    expect((await sample.get('/calls')).body.map((c: { id: string }) => c.id)).toEqual([call.callId]);
  });

  test('keeps a call ended when its CallEnd arrives before its CallStart', async ({ simulator, subscribed }) => {
    const sample = await subscribed();
    await simulator.deliver(callEndNotification('late-start'));
    // The call store is PostgreSQL, written after the answer: the start must find the end stored.
    await expect.poll(async () => (await sample.get('/calls/late-start')).body.status).toBe('ended');
    await simulator.deliver(callStartNotification({ id: 'late-start', caller: { number: 85211112222 } }));

    await expect.poll(async () => (await sample.get('/calls/late-start')).body.startedAt).toEqual(expect.any(String));
    const call = await sample.get('/calls/late-start');
    expect(call.body).toMatchObject({
      status: 'ended',
      caller: { number: '85211112222' },
      startedAt: expect.any(String),
      endedAt: expect.any(String),
      durationMs: null,
    });
  });

  test('answers 404 for an unknown call and 200 on /health and /metrics', async ({ subscribed }) => {
    const sample = await subscribed();
    expect((await sample.get('/calls/nope')).status).toBe(404);
    const health = await sample.get('/health');
    expect(health).toMatchObject({
      status: 200,
      body: { status: 'ok', details: { 'cinnox.call': { status: 'up', subscription: 'subscribed', lastNotificationAt: null } } },
    });
    const metrics = await fetch(`${sample.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('cinnox_webhook_requests_total{hook="call",outcome="verified"} 1');
  });

  test('reports the subscription as unknown (degraded, still 200) until CINNOX confirmed one, and the last notification', async ({
    simulator,
    startSample,
  }) => {
    const app = await startSample(cinnoxEnv(simulator));
    expect((await app.get('/health')).body.details['cinnox.call']).toMatchObject({ status: 'degraded', subscription: 'unknown' });

    await app.app.get(CinnoxSubscriptionService).subscribe(`${app.url}/cinnox/webhooks/call-events`);
    await simulator.placeCall();
    const health = await app.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.details['cinnox.call']).toMatchObject({
      status: 'up',
      lastNotificationAt: expect.any(String),
      secondsSinceLastNotification: 0,
    });
  });

  test("the CLI's status command reads what the app knows from its /health", async ({ simulator, subscribed }) => {
    const sample = await subscribed();
    await simulator.placeCall();
    const out: string[] = [];
    const err: string[] = [];

    expect(
      await runCli(
        ['status', sample.url],
        {},
        (line) => out.push(line),
        (line) => err.push(line),
      ),
    ).toBe(0);
    expect(out).toEqual([
      `${sample.url}/health:`,
      expect.stringMatching(/^cinnox\.call: up; subscription subscribed; last notification \S+ \(0 s ago\)$/),
    ]);
    expect(
      await runCli(
        ['status', 'http://127.0.0.1:9'],
        {},
        (line) => out.push(line),
        (line) => err.push(line),
      ),
    ).toBe(1);
    expect(err[0]).toContain('No CinnoxHealthIndicator entry found. Looked at:\n  http://127.0.0.1:9/health: unreachable');
  });

  test("serves the OpenAPI document at /docs, the webhook's request and responses included", async ({ subscribed }) => {
    const sample = await subscribed();
    const ui = await fetch(`${sample.url}/docs`);
    expect(ui.status).toBe(200);
    const document = (await sample.get('/docs-json')).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/calls', '/calls/{id}', '/health', '/cinnox/webhooks/call-events']),
    );
    const webhook = document.paths['/cinnox/webhooks/call-events'].post;
    expect(webhook).toMatchObject({ ...json(CINNOX_WEBHOOK_OPENAPI_BY_HOOK.call), tags: ['cinnox'] });
    expect(webhook.requestBody.content['application/json'].schema.properties.message.required).toEqual(['id', 'status', 'serviceId']);
    expect(Object.keys(webhook.responses)).toEqual(['200', '400', '401', '403', '413', '415', '503']);
    // Only the enabled hook (the sample's default against a real CINNOX is the call hook alone).
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/cinnox/'))).toEqual(['/cinnox/webhooks/call-events']);
  });

  test('documents every enabled hook route with its own operation', async ({ simulator, startSample }) => {
    const hooks: readonly CinnoxHookName[] = CINNOX_HOOKS;
    const sample = await startSample({ ...cinnoxEnv(simulator), CINNOX_HOOKS: hooks.join(',') });
    const { paths } = (await sample.get('/docs-json')).body as { paths: Record<string, { post?: Record<string, unknown> }> };

    const documented = Object.keys(paths).filter((path) => path.startsWith('/cinnox/'));
    expect(documented.sort()).toEqual(hooks.map((hook) => `/cinnox/webhooks/${hook}-events`).sort());
    for (const hook of hooks) {
      const operation = paths[`/cinnox/webhooks/${hook}-events`]!.post;
      expect({ hook, operation }).toMatchObject({ hook, operation: { ...json(CINNOX_WEBHOOK_OPENAPI_BY_HOOK[hook]), tags: ['cinnox'] } });
      expect(operation!.summary).toContain(`CINNOX ${hook} webhook`);
    }
    // Each route has its own DTO's schema: the SMS report's PascalCase fields only on the outbound-SMS route.
    const schemaOf = (hook: string) =>
      (
        paths[`/cinnox/webhooks/${hook}-events`]!.post!.requestBody as {
          content: { 'application/json': { schema: { properties: object } } };
        }
      ).content['application/json'].schema.properties;
    expect(Object.keys(schemaOf('outbound-sms'))).toContain('TransactionID');
    expect(Object.keys(schemaOf('inbound-sms'))).not.toContain('TransactionID');
  });

  test('unsubscribes: CINNOX stores enabled false and has nowhere to deliver', async ({ simulator, subscribed }) => {
    const sample = await subscribed();
    const result = await sample.app.get(CinnoxSubscriptionService).unsubscribe(`${sample.url}/cinnox/webhooks/call-events`);

    expect(result.enabled).toBe(false);
    expect(simulator.subscription()?.enabled).toBe(false);
    await expect(simulator.deliver(callStartNotification())).rejects.toThrow(/no enabled "call" subscription/);
  });

  test('keeps retrying CINNOX_WEBHOOK_URL when its challenge fails, serving /health (degraded) all the while', async ({
    simulator,
    startSample,
  }) => {
    // Nothing listens at this URL, so CINNOX's challenge fails and the subscription is refused (and retried).
    const sample = await startSample({ ...cinnoxEnv(simulator), CINNOX_WEBHOOK_URL: 'http://127.0.0.1:9/cinnox/webhooks/call-events' });

    await expect.poll(() => sample.subscriptionState()).toBe('retrying');
    expect(simulator.subscription()).toBeUndefined();
    const health = await sample.get('/health');
    expect(health).toMatchObject({ status: 200, body: { details: { 'cinnox.call': { status: 'degraded', state: 'retrying' } } } });
    expect(health.body.details['cinnox.call'].lastError).toContain('verification failed');
  });

  test('rejects a bad environment variable at start-up with its name', async ({ startSample }) => {
    await expect(startSample({ CINNOX_BASE_URL: 'http://127.0.0.1:9' })).rejects.toThrow('CINNOX_APP_ID is required');
    await expect(startSample({ PORT: 'eighty' })).rejects.toThrow('PORT must be a whole number');
    await expect(startSample({ HTTP_ADAPTER: 'koa' })).rejects.toThrow('HTTP_ADAPTER must be');
  });
});
