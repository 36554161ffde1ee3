import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { TestingModule } from '@nestjs/testing';
import { CinnoxMetrics } from 'nestjs-cinnox';
import { callStartNotification } from 'nestjs-cinnox/testing';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { describe, expect } from 'vitest';
import { E2E_ADAPTER } from './support/e2e-host.js';
import { test } from './support/e2e.fixture.js';
import { LogRecorder } from './support/log-recorder.js';

// What the webhook's edge does with faults that are not the sender's, and what it leaves alone, on the host's
// own adapter instance (middleware and hooks registered before Nest's, as a host passing its own instance has).

const ROUTE = '/cinnox/webhooks/call-events';

/** Reads a request's body to its end, as a host's logging or body middleware would, before the library. */
const drain = (stream: IncomingMessage) =>
  new Promise<void>((resolve) => {
    stream.resume();
    stream.once('end', resolve);
  });

describe('the webhook edge', () => {
  test('answers a body the app could not read with 500 in CINNOX\u2019s shape, counted and logged once, never an HTML page', async ({
    startHost,
  }) => {
    const logs = new LogRecorder();
    const host = await startHost(
      {},
      {
        logger: logs,
        createApp(moduleRef: TestingModule) {
          if (E2E_ADAPTER === 'fastify') {
            const adapter = new FastifyAdapter();
            // A host hook failing on the app's side (a broken decompressor, say): a 500, not the sender's fault.
            adapter
              .getInstance()
              .addHook('preParsing', (_request: unknown, _reply: unknown, _payload: Readable, done: (error: Error | null) => void) =>
                done(Object.assign(new Error('the decompressor broke'), { statusCode: 500 })),
              );
            return moduleRef.createNestApplication(adapter, { logger: logs });
          }
          const adapter = new ExpressAdapter();
          // A host middleware on the adapter's instance that reads the body before the library: raw-body's 500.
          adapter.use((req: IncomingMessage, _res: ServerResponse, next: () => void) => void drain(req).then(() => next()));
          return moduleRef.createNestApplication(adapter, { logger: logs });
        },
      },
    );

    const response = await fetch(host.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(callStartNotification()),
    });

    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ code: 500, message: 'Internal error while handling the CINNOX webhook' });
    expect(host.events).toEqual([]);
    const metrics = await host.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_webhook_requests_total');
    expect(metrics).toContain('cinnox_webhook_requests_total{hook="call",outcome="error"} 1');
    const errors = logs.of('CinnoxWebhook').filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(
      E2E_ADAPTER === 'fastify' ? 'the decompressor broke' : 'stream.not.readable: stream is not readable',
    );
    expect(errors[0]!.message).toContain('must leave the request stream of the webhook routes untouched');
  });

  test('leaves a host route that only looks like the webhook to the host: no checks, its own content type', async ({ startHost }) => {
    const seen: (string | undefined)[] = [];
    const echo = (contentType: string | undefined) => {
      seen.push(contentType);
      return { contentType };
    };
    // Routes of the host's own that its router keeps apart from the webhook's: the webhook's path with a trailing
    // slash (Fastify routes it apart by default, Express under `strict routing`) and, on Express under
    // `case sensitive routing`, in another letter case.
    const hostPaths = E2E_ADAPTER === 'fastify' ? [`${ROUTE}/`] : [`${ROUTE}/`, '/Cinnox/Webhooks/Call-Events'];
    const host = await startHost(
      {},
      {
        // Host routes added once the app exists, as a host's main.ts does: after the library's edge is installed.
        createApp(moduleRef: TestingModule) {
          if (E2E_ADAPTER === 'fastify') {
            const adapter = new FastifyAdapter();
            const app = moduleRef.createNestApplication(adapter);
            for (const path of hostPaths) adapter.getInstance().post(path, async (request) => echo(request.headers['content-type']));
            return app;
          }
          const instance = express().set('case sensitive routing', true).set('strict routing', true);
          const app = moduleRef.createNestApplication(new ExpressAdapter(instance));
          for (const path of hostPaths) instance.post(path, (req, res) => void res.json(echo(req.headers['content-type'])));
          return app;
        },
      },
    );
    const send = (path: string, contentType: string, body: string) =>
      fetch(`${host.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

    for (const path of hostPaths) {
      const form = await send(path, 'application/x-www-form-urlencoded', 'a=1');
      expect(form.status).toBe(200);
      expect(await form.json()).toEqual({ contentType: 'application/x-www-form-urlencoded' });
      const json = await send(path, 'application/json; charset=utf-8', '{}');
      expect(json.status).toBe(200);
      expect(await json.json()).toEqual({ contentType: 'application/json; charset=utf-8' });
    }
    expect(seen).toHaveLength(2 * hostPaths.length);

    // The webhook itself still takes every JSON media type it admits, and refuses others.
    const notification = JSON.stringify(callStartNotification());
    expect((await send(ROUTE, 'application/x-www-form-urlencoded', 'a=1')).status).toBe(415);
    const webhook = await send(ROUTE, 'application/vnd.api+json', notification);
    expect(webhook.status).toBe(200);
    expect(host.count('call.start')).toBe(1);
    expect(seen).toHaveLength(2 * hostPaths.length);
  });
});
