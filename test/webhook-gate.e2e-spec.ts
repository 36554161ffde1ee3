import { ConsoleLogger } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { CinnoxDedupeStore, type CinnoxModuleOptions } from 'nestjs-cinnox';
import { callStartNotification } from 'nestjs-cinnox/testing';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { describe, expect } from 'vitest';
import { E2E_ADAPTER } from './support/e2e-host.js';
import { test as e2eTest, type E2eHost } from './support/e2e.fixture.js';

const SECRET = 'webhook-secret-0123456789abcdef';
const ROUTE = '/cinnox/webhooks/call-events';

/** Every line the app logs, by level. */
class RecordingLogger extends ConsoleLogger {
  readonly lines: { level: string; text: string }[] = [];
  override log(message: unknown) {
    this.lines.push({ level: 'log', text: String(message) });
  }
  override error(message: unknown, ...rest: unknown[]) {
    this.lines.push({ level: 'error', text: [message, ...rest].map(String).join(' ') });
  }
  override warn(message: unknown) {
    this.lines.push({ level: 'warn', text: String(message) });
  }
  override debug(message: unknown) {
    this.lines.push({ level: 'debug', text: String(message) });
  }
}

/** The library host with its logger at hand. */
type Gated = E2eHost & { logger: RecordingLogger };

/** `startGated(webhook)`: the library in a bare host app; `/alias` is rewritten to the webhook route by the host's own router. */
const test = e2eTest.extend(
  'startGated',
  ({ startHost }) =>
    async (webhook: Partial<CinnoxModuleOptions>['webhook'] = {}): Promise<Gated> => {
      const logger = new RecordingLogger();
      const rewrite = (url: string) => (url.startsWith('/alias') ? ROUTE + url.slice('/alias'.length) : url);
      const host = await startHost(
        { webhook },
        {
          logger,
          createApp(moduleRef) {
            if (E2E_ADAPTER === 'fastify') {
              return moduleRef.createNestApplication(
                new FastifyAdapter({ rewriteUrl: (req: { url?: string }) => rewrite(req.url ?? '/') }),
                { logger },
              );
            }
            const app = moduleRef.createNestApplication({ logger });
            // A host middleware after the library's edge: what a future router change could look like.
            app.use((req: IncomingMessage, _res: ServerResponse, next: () => void) => {
              req.url = rewrite(req.url ?? '/');
              next();
            });
            return app;
          },
        },
      );
      return { ...host, logger };
    },
);

async function post(
  url: string,
  body: string | object,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** Writes `head` and part of a body on a raw socket, then waits for the server to answer or close it. */
function holdOpen(url: string, head: string, timeoutMs: number): Promise<{ answer: string; closed: boolean }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve({ answer, closed: true }));
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      resolve({ answer, closed: false });
    }, timeoutMs).unref();
  });
}

describe('webhook gate', () => {
  describe('every request reaching the handler passed the gate, whatever the path spelling', () => {
    const spellings = ['/Cinnox/webhooks/call-events', '/CINNOX/WEBHOOKS/CALL-EVENTS', '/cinnox/Webhooks/call-events/'];

    test.for(spellings)('%s without a token is never handled (401 on Express, 404 on Fastify)', async (path, { startGated }) => {
      const gated = await startGated({ secret: SECRET });
      const response = await post(gated.url + path, callStartNotification());

      expect(response.status).toBe(E2E_ADAPTER === 'express' ? 401 : 404);
      expect(gated.events).toEqual([]);
    });

    test.for(spellings)('%s from a source outside allowedSources is never handled', async (path, { startGated }) => {
      const gated = await startGated({ allowedSources: ['10.0.0.0/8'] });
      const response = await post(gated.url + path, callStartNotification());

      expect(response.status).toBe(E2E_ADAPTER === 'express' ? 403 : 404);
      expect(gated.events).toEqual([]);
    });

    test.for(spellings)('%s with a body over the limit is never handled', async (path, { startGated }) => {
      const gated = await startGated({ secret: SECRET });
      const huge = JSON.stringify(callStartNotification({ id: 'x'.repeat(90_000) }));
      const response = await post(`${gated.url}${path}?token=${SECRET}`, huge);

      expect(response.status).toBe(E2E_ADAPTER === 'express' ? 413 : 404);
      expect(gated.events).toEqual([]);
    });

    test('a request the router hands to the handler behind the gate\u2019s back is refused with 401 (fails closed)', async ({
      startGated,
    }) => {
      const gated = await startGated();
      const response = await post(`${gated.url}/alias`, callStartNotification());

      // Express: the host's rewrite happens after the gate looked, so only the guard stands: 401.
      // Fastify: rewriteUrl runs before routing, so the route's own gate checks it and lets it in.
      if (E2E_ADAPTER === 'express') {
        expect(response).toMatchObject({
          status: 401,
          body: { code: 401, message: expect.stringContaining('by a path its checks do not watch') },
        });
        expect(gated.events).toEqual([]);
      } else {
        expect(response.status).toBe(200);
        expect(gated.events).toHaveLength(1);
      }
    });

    test('a token-less request rewritten onto the route is refused on both adapters', async ({ startGated }) => {
      const gated = await startGated({ secret: SECRET });
      const response = await post(`${gated.url}/alias`, callStartNotification());

      expect(response.status).toBe(401);
      expect(response.body).toEqual({ code: 401, message: expect.any(String) });
      expect(gated.events).toEqual([]);
    });
  });

  describe('bounded work per body', () => {
    test('refuses a body under the size limit with thousands of keys with 400, before validating it', async ({ startGated }) => {
      const gated = await startGated();
      const message: Record<string, unknown> = { ...callStartNotification().message };
      for (let i = 0; i < 7_000; i++) message[i.toString(36)] = 0;
      const body = JSON.stringify({ message });
      expect(body.length).toBeLessThan(64 * 1024);

      const response = await post(gated.url + ROUTE, body);

      expect(response).toMatchObject({ status: 400, body: { code: 400, message: expect.stringContaining('more than 256 JSON values') } });
      expect(gated.events).toEqual([]);
    });

    test('refuses a body of thousands of string keys with 400', async ({ startGated }) => {
      const gated = await startGated();
      const message: Record<string, unknown> = { ...callStartNotification().message };
      for (let i = 0; i < 6_000; i++) message[`k${i}`] = 0;
      const response = await post(gated.url + ROUTE, JSON.stringify({ message }));

      expect(response).toMatchObject({ status: 400, body: { code: 400, message: expect.stringContaining('more than 256 JSON values') } });
      expect(gated.events).toEqual([]);
    });

    test('refuses a callees array of thousands of parties with 400', async ({ startGated }) => {
      const gated = await startGated();
      const callees = Array.from({ length: 3_000 }, () => ({ number: 1 }));
      const response = await post(gated.url + ROUTE, callStartNotification({ callees }));

      expect(response.status).toBe(400);
      expect(gated.events).toEqual([]);
    });
  });

  describe('ambiguous input', () => {
    test('answers 401 to a token given twice, even when one is right', async ({ startGated }) => {
      const gated = await startGated({ secret: SECRET });
      for (const query of [`?token=${SECRET}&token=bad-token-0123456789`, `?token=bad-token-0123456789&token=${SECRET}`]) {
        expect((await post(gated.url + ROUTE + query, callStartNotification())).status).toBe(401);
      }
      expect((await post(`${gated.url}${ROUTE}?token=${SECRET}`, callStartNotification())).status).toBe(200);
      expect(gated.events).toHaveLength(1);
    });

    test('accepts every secret of a list (rotation) and refuses others', async ({ startGated }) => {
      const next = 'next-secret-0123456789abcdef';
      const gated = await startGated({ secret: [next, SECRET] });

      expect((await post(`${gated.url}${ROUTE}?token=${SECRET}`, callStartNotification({ id: 'a' }))).status).toBe(200);
      expect((await post(`${gated.url}${ROUTE}?token=${next}`, callStartNotification({ id: 'b' }))).status).toBe(200);
      expect((await post(`${gated.url}${ROUTE}?token=other-secret-0123456789`, callStartNotification({ id: 'c' }))).status).toBe(401);
      expect(gated.events.map((event) => event.payload.callId)).toEqual(['a', 'b']);
    });

    test.for<[string, Record<string, string>, string]>([
      ['Content-Encoding: gzip', { 'content-encoding': 'gzip' }, 'Content-Encoding "gzip"'],
      ['Content-Encoding: br', { 'content-encoding': 'br' }, 'Content-Encoding "br"'],
      ['charset=latin1', { 'content-type': 'application/json; charset=latin1' }, 'charset "latin1"'],
      ['charset=utf-16', { 'content-type': 'application/json; charset=utf-16' }, 'charset "utf-16"'],
    ])('answers 415 to %s', async ([, headers, detail], { startGated }) => {
      const gated = await startGated();
      const response = await post(gated.url + ROUTE, callStartNotification(), headers);

      expect(response).toMatchObject({ status: 415, body: { code: 415, message: expect.stringContaining(detail) } });
      expect(gated.events).toEqual([]);
    });

    test.for<[string, { bom?: boolean; encoding?: string }]>([
      ['application/json; charset=UTF-8', {}],
      ['application/vnd.cinnox+json', {}],
      ['a leading UTF-8 byte order mark', { bom: true }],
      ['Content-Encoding: identity', { encoding: 'identity' }],
    ])('accepts %s', async ([label, how], { startGated }) => {
      const gated = await startGated();
      const type = label.startsWith('application/') ? label : 'application/json';
      const body = (how.bom ? '\uFEFF' : '') + JSON.stringify(callStartNotification());
      const headers: Record<string, string> = { 'content-type': type, ...(how.encoding ? { 'content-encoding': how.encoding } : {}) };
      const response = await post(gated.url + ROUTE, body, headers);

      expect(response.status).toBe(200);
      expect(gated.events).toHaveLength(1);
    });

    test('refuses a whitespace-only phone number with 400', async ({ startGated }) => {
      const gated = await startGated();
      const response = await post(gated.url + ROUTE, callStartNotification({ caller: { eid: 'e', number: '   ' } }));

      expect(response).toMatchObject({ status: 400, body: { message: expect.stringContaining('message.caller.number must be a string') } });
      expect(gated.events).toEqual([]);
    });
  });

  describe('slow and vanishing clients', () => {
    test('answers 408 and closes the connection when the body does not arrive within bodyTimeoutMs', async ({ startGated }) => {
      const gated = await startGated({ bodyTimeoutMs: 300 });
      const head = `POST ${ROUTE} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"message":`;
      const { answer, closed } = await holdOpen(gated.url, head, 5_000);

      expect(closed).toBe(true);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(gated.events).toEqual([]);
    });

    test('logs a client that drops mid-body at debug level only, and keeps serving', async ({ startGated }) => {
      const gated = await startGated();
      const head = `POST ${ROUTE} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"message":`;
      const { port } = new URL(gated.url);
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(head, () => setImmediate(() => socket.destroy())));
        socket.on('close', () => resolve());
      });
      const logger = gated.logger;
      await expect.poll(() => logger.lines.some((line) => line.level === 'debug' && line.text.includes('mid-body'))).toBe(true);

      expect((await post(gated.url + ROUTE, callStartNotification())).status).toBe(200);
      expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
    });

    test('logs one warn line, no stack, for a 503', async ({ startGated }) => {
      class DownStore extends CinnoxDedupeStore {
        claim(): boolean {
          throw new Error('store is down');
        }
        release(): void {}
      }
      const gated = await startGated({ dedupeStore: new DownStore() });
      const response = await post(gated.url + ROUTE, callStartNotification());

      expect(response.status).toBe(503);
      const logged = gated.logger.lines.filter((line) => line.level !== 'log');
      expect(logged).toEqual([{ level: 'warn', text: expect.stringContaining('store is down') }]);
    });
  });
});
