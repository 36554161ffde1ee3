import { RequestMethod, VersioningType, type INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { TestingModule } from '@nestjs/testing';
import { RouterModule } from '@nestjs/core';
import { CINNOX_WEBHOOK_OPENAPI_BY_HOOK, CinnoxMetrics, CinnoxModule, CinnoxStatus, cinnoxWebhookOpenApiPaths } from 'nestjs-cinnox';
import { callStartNotification, recordingNotification } from 'nestjs-cinnox/testing';
import { describe, expect } from 'vitest';
import { E2E_ADAPTER } from './support/e2e-host.js';
import { test } from './support/e2e.fixture.js';
import { LogRecorder } from './support/log-recorder.js';

// The webhook routes under a host's global prefix (with and without an `exclude` covering one of them) and
// under versioning: the library subscribes exactly the URL the app serves (the simulator's challenge is a real
// POST to it), deliveries to it are handled, and nothing is refused for a path the gate did not expect.

const SECRET = 'prefixed-routes-secret-0123';
const CALL = 'cinnox/webhooks/call-events';
const RECORDING = 'cinnox/webhooks/recording-events';

interface Layout {
  name: string;
  /** What the host does to its app before it listens. */
  setUp: (app: INestApplication) => void;
  /** The paths the app serves the call and recording webhooks at. */
  call: string;
  recording: string;
}

const layouts: Layout[] = [
  { name: 'no prefix, no versioning', setUp: () => {}, call: `/${CALL}`, recording: `/${RECORDING}` },
  { name: "setGlobalPrefix('api')", setUp: (app) => app.setGlobalPrefix('api'), call: `/api/${CALL}`, recording: `/api/${RECORDING}` },
  {
    name: "setGlobalPrefix('/api/v2/') (slashes as Nest normalises them)",
    setUp: (app) => app.setGlobalPrefix('/api/v2/'),
    call: `/api/v2/${CALL}`,
    recording: `/api/v2/${RECORDING}`,
  },
  {
    name: 'setGlobalPrefix with an exclude covering the call route (POST)',
    setUp: (app) => app.setGlobalPrefix('api', { exclude: [{ path: CALL, method: RequestMethod.POST }] }),
    call: `/${CALL}`,
    recording: `/api/${RECORDING}`,
  },
  {
    name: 'setGlobalPrefix with a wildcard exclude covering every webhook',
    setUp: (app) => app.setGlobalPrefix('api', { exclude: ['cinnox/webhooks/{*rest}'] }),
    call: `/${CALL}`,
    recording: `/${RECORDING}`,
  },
  {
    name: 'setGlobalPrefix with excludes that do not cover a webhook (another path, another method)',
    setUp: (app) => app.setGlobalPrefix('api', { exclude: ['health', { path: CALL, method: RequestMethod.GET }] }),
    call: `/api/${CALL}`,
    recording: `/api/${RECORDING}`,
  },
  {
    name: 'URI versioning without defaultVersion',
    setUp: (app) => app.enableVersioning({ type: VersioningType.URI }),
    call: `/${CALL}`,
    recording: `/${RECORDING}`,
  },
  {
    name: "URI versioning with defaultVersion '1'",
    setUp: (app) => app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' }),
    call: `/${CALL}`,
    recording: `/${RECORDING}`,
  },
  {
    name: "URI versioning with defaultVersion ['1', '2'] under setGlobalPrefix('api')",
    setUp: (app) => app.setGlobalPrefix('api').enableVersioning({ type: VersioningType.URI, defaultVersion: ['1', '2'] }),
    call: `/api/${CALL}`,
    recording: `/api/${RECORDING}`,
  },
  {
    name: "header versioning with defaultVersion '1'",
    setUp: (app) => app.enableVersioning({ type: VersioningType.HEADER, header: 'x-api-version', defaultVersion: '1' }),
    call: `/${CALL}`,
    recording: `/${RECORDING}`,
  },
];

describe.each(layouts)('webhook routes: $name', ({ setUp, call, recording }) => {
  test('subscribes exactly the served URLs, answers the challenge there and handles deliveries', async ({ simulator, startHost }) => {
    const logs = new LogRecorder();
    const host = await startHost(
      {
        hooks: ['call', 'recording'],
        webhook: { secret: SECRET },
        // The app's public origin only: the library appends the global prefix and each route.
        subscription: { publicUrl: ({ port }) => `http://127.0.0.1:${port}`, backoff: { initialDelayMs: 20, maxDelayMs: 100 } },
      },
      {
        logger: logs,
        createApp(moduleRef: TestingModule) {
          const app =
            E2E_ADAPTER === 'fastify'
              ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: logs })
              : moduleRef.createNestApplication({ logger: logs });
          setUp(app);
          return app;
        },
      },
    );
    const status = host.app.get(CinnoxStatus);

    await expect.poll(() => [status.lifecycle('call')?.state, status.lifecycle('recording')?.state]).toEqual(['active', 'active']);
    // What CINNOX was given is the served route, token added; its challenge went there and came back.
    expect(simulator.subscription('call')?.url).toBe(`${host.url}${call}?token=${SECRET}`);
    expect(simulator.subscription('recording')?.url).toBe(`${host.url}${recording}?token=${SECRET}`);
    const challenges = simulator.deliveries.filter((delivery) => (delivery.body as { challenge?: unknown }).challenge !== undefined);
    expect(challenges.map(({ url, status: answered }) => [new URL(url).pathname, answered])).toEqual(
      expect.arrayContaining([
        [call, 200],
        [recording, 200],
      ]),
    );
    expect(challenges).toHaveLength(2);

    expect(await simulator.placeCall()).toMatchObject({ status: 200, response: { code: 0 } });
    expect(await simulator.deliver(recordingNotification(), { hook: 'recording' })).toMatchObject({ status: 200, response: { code: 0 } });
    expect(host.count('call.start')).toBe(1);
    expect(host.events.filter((event) => event.name.startsWith('recording.')).length).toBe(1);
    const metrics = await host.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_webhook_requests_total');
    expect(metrics).not.toMatch(/outcome="unauthorized"/);
    expect(logs.lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);

    // A token-less request at the served path is refused by the gate itself, for the token: the gate guards that path.
    const refused = await fetch(`${host.url}${call}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ code: 401, message: expect.stringContaining('webhook token') });

    // The OpenAPI operations are keyed by those same served paths.
    expect(cinnoxWebhookOpenApiPaths(host.app)).toEqual({
      [call]: CINNOX_WEBHOOK_OPENAPI_BY_HOOK.call,
      [recording]: CINNOX_WEBHOOK_OPENAPI_BY_HOOK.recording,
    });
  });
});

describe('a webhook route moved where the gate does not watch', () => {
  test('is refused with 401 whose log line names the path the gate watches, not a token or source check', async ({ startHost }) => {
    const logs = new LogRecorder();
    // RouterModule moves the library's routes under /moved after the gate read Nest's prefix settings.
    const host = await startHost({}, { logger: logs, imports: [RouterModule.register([{ path: 'moved', module: CinnoxModule }])] });
    const moved = () =>
      fetch(`${host.url}/moved/${CALL}?token=not-logged`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(callStartNotification()),
      });

    const response = await moved();
    expect(response.status).toBe(401);
    const body = (await response.json()) as { code: number; message: string };
    expect(body).toEqual({ code: 401, message: expect.stringContaining('by a path its checks do not watch') });
    expect(body.message).not.toMatch(/token|source/);
    expect(host.events).toEqual([]);
    const warned = logs.of('CinnoxWebhook').filter((line) => line.level === 'warn');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.message).toContain(`POST /moved/${CALL} reached the CINNOX call webhook`);
    expect(warned[0]!.message).toContain(`which watch /${CALL},`);
    expect(warned[0]!.message).not.toContain('not-logged');

    // The same spelling again is refused as well, logged at debug only.
    expect((await moved()).status).toBe(401);
    expect(logs.of('CinnoxWebhook').filter((line) => line.level === 'warn')).toHaveLength(1);
  });
});

describe('a publicUrl that already carries the global prefix', () => {
  test('subscribes the prefix twice, a URL whose challenge never comes back: publicUrl is the origin only', async ({
    simulator,
    startHost,
  }) => {
    const host = await startHost(
      { subscription: { publicUrl: ({ port }) => `http://127.0.0.1:${port}/api`, backoff: { initialDelayMs: 20, maxDelayMs: 100 } } },
      {
        createApp(moduleRef: TestingModule) {
          const app = E2E_ADAPTER === 'fastify' ? moduleRef.createNestApplication(new FastifyAdapter()) : moduleRef.createNestApplication();
          return app.setGlobalPrefix('api');
        },
      },
    );
    const status = host.app.get(CinnoxStatus);

    await expect.poll(() => status.lifecycle('call')?.state).toBe('retrying');
    expect(status.lifecycle('call')).toMatchObject({
      url: `${host.url}/api/api/${CALL}`,
      lastError: expect.stringContaining('the webhook answered HTTP 404'),
    });
    expect(simulator.subscription('call')).toBeUndefined();
  });
});

describe('the OpenAPI operations of moved routes', () => {
  test('are keyed by the hookPaths the app serves, under the global prefix', async ({ startHost }) => {
    const host = await startHost(
      { hooks: ['recording', 'call'], hookPaths: { recording: '/hooks/rec/', call: 'hooks/calls' } },
      {
        createApp(moduleRef: TestingModule) {
          const app = E2E_ADAPTER === 'fastify' ? moduleRef.createNestApplication(new FastifyAdapter()) : moduleRef.createNestApplication();
          return app.setGlobalPrefix('api');
        },
      },
    );
    const operations = cinnoxWebhookOpenApiPaths(host.app);
    expect(operations).toEqual({
      '/api/hooks/rec': CINNOX_WEBHOOK_OPENAPI_BY_HOOK.recording,
      '/api/hooks/calls': CINNOX_WEBHOOK_OPENAPI_BY_HOOK.call,
    });
    // Fresh copies: a host may change its document without changing the library's data.
    expect(operations['/api/hooks/calls']).not.toBe(CINNOX_WEBHOOK_OPENAPI_BY_HOOK.call);
    // And the app serves them there.
    const response = await fetch(`${host.url}/api/hooks/rec`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challenge: 'c' }),
    });
    expect(await response.json()).toEqual({ code: 0, result: { challenge: 'c' } });
  });
});
