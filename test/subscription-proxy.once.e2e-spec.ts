import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, onTestFinished } from 'vitest';
import { CinnoxApiError, CinnoxNetworkError, CinnoxProxyError } from 'nestjs-cinnox';
import { closedPort } from './support/closed-port.js';
import { APP_TOKEN, test } from './support/e2e.fixture.js';

// CINNOX calls through an HTTP proxy, over real sockets: a tiny proxy (node:http) on 127.0.0.1 that forwards
// plain-HTTP requests (absolute-form targets) or answers them itself, and refuses CONNECT tunnels.

type ProxyMode = { forward: true } | { status: number; html: string };

interface TinyProxy {
  url: string;
  port: number;
  /** Requests the proxy received: the target as sent (absolute-form through a proxy) and the headers. */
  seen: { method: string; target: string; headers: IncomingHttpHeaders }[];
  mode: ProxyMode;
}

const PAGE = (status: number) => `<html><body><h1>${status}</h1><p>tiny proxy</p></body></html>`;

async function startProxy(mode: ProxyMode): Promise<TinyProxy> {
  const proxy: TinyProxy = { url: '', port: 0, seen: [], mode };
  const sockets = new Set<Socket>();
  const server: Server = createServer((incoming, answer) => {
    proxy.seen.push({ method: incoming.method ?? '', target: incoming.url ?? '', headers: incoming.headers });
    if ('forward' in proxy.mode) {
      const upstream = request(incoming.url!, { method: incoming.method, headers: incoming.headers }, (reply) => {
        answer.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(answer);
      });
      incoming.pipe(upstream);
      return;
    }
    const { status, html } = proxy.mode;
    answer.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...(status === 407 ? { 'proxy-authenticate': 'Basic' } : {}) });
    answer.end(html);
  });
  // An HTTPS call is tunnelled with CONNECT: refused here as an authenticating proxy would.
  server.on('connect', (incoming, socket: Socket) => {
    proxy.seen.push({ method: 'CONNECT', target: incoming.url ?? '', headers: incoming.headers });
    const html = PAGE(407);
    socket.end(
      'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Type: text/html\r\n' +
        `Content-Length: ${Buffer.byteLength(html)}\r\nConnection: close\r\n\r\n${html}`,
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  proxy.url = `http://127.0.0.1:${proxy.port}`;
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return proxy;
}

const viaProxy = (proxy: TinyProxy) => ({ protocol: 'http', host: '127.0.0.1', port: proxy.port });

/** Sets proxy variables for one test, as a deployment's environment would (lower-case forms cleared). */
function withProxyEnv(variables: Partial<Record<'HTTP_PROXY' | 'HTTPS_PROXY' | 'NO_PROXY', string>>): void {
  const names = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'].flatMap((name) => [name, name.toLowerCase()]);
  const before = new Map(names.map((name) => [name, process.env[name]]));
  for (const name of names) delete process.env[name];
  Object.assign(process.env, variables);
  onTestFinished(() => {
    for (const [name, value] of before) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

describe('CINNOX calls through a proxy', () => {
  test('the http option sends every call through the proxy, with the extra headers', async ({ simulator, startHost }) => {
    const proxy = await startProxy({ forward: true });
    const host = await startHost({ http: { proxy: viaProxy(proxy), headers: { 'X-Gateway-Key': 'gateway-1' } } });

    await expect(host.subscribe()).resolves.toMatchObject({ enabled: true, url: host.webhookUrl });

    expect(proxy.seen).toEqual([
      {
        method: 'PATCH',
        target: `${simulator.baseUrl}/v1/api/apps/${simulator.appId}/call-event-sub`,
        headers: expect.objectContaining({ 'x-gateway-key': 'gateway-1', authorization: `Bearer ${APP_TOKEN}` }),
      },
    ]);
    expect(simulator.subscription()?.enabled).toBe(true);
  });

  test('HTTP_PROXY is honoured by default and ignored with proxy: false', async ({ simulator, startHost }) => {
    const proxy = await startProxy({ forward: true });
    withProxyEnv({ HTTP_PROXY: proxy.url });

    await (await startHost()).subscribe();
    expect(proxy.seen.map((seen) => seen.method)).toEqual(['PATCH']);

    await (await startHost({ http: { proxy: false } })).subscribe();
    expect(proxy.seen.map((seen) => seen.method)).toEqual(['PATCH']);
    expect(simulator.requests.filter((sent) => sent.method === 'PATCH')).toHaveLength(2);
  });

  test('NO_PROXY lets a host bypass HTTP_PROXY', async ({ simulator, startHost }) => {
    const proxy = await startProxy({ forward: true });
    withProxyEnv({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });

    await (await startHost()).subscribe();

    expect(proxy.seen).toEqual([]);
    expect(simulator.requests.filter((sent) => sent.method === 'PATCH')).toHaveLength(1);
  });

  test("a proxy's 407 is a CinnoxProxyError about the proxy, not CINNOX refusing the token", async ({ simulator, startHost }) => {
    const proxy = await startProxy({ status: 407, html: PAGE(407) });
    const auth = { username: 'app', password: 'proxy-password-1' };
    const host = await startHost({ http: { proxy: { ...viaProxy(proxy), auth } } });

    const error = await host.subscribe().catch((refused: unknown) => refused);

    expect(error).toBeInstanceOf(CinnoxProxyError);
    expect(error).toBeInstanceOf(CinnoxNetworkError);
    expect(error).not.toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 407, proxy: proxy.url, attempts: 1 });
    expect((error as Error).message).toBe(
      `The proxy at ${proxy.url} refused PATCH /v1/api/apps/${simulator.appId}/call-event-sub with HTTP 407 (Proxy Authentication Required); ` +
        "CINNOX was not reached. Give the proxy's credentials: http.proxy.auth, or user:password in the HTTP_PROXY / HTTPS_PROXY URL.",
    );
    expect(proxy.seen[0]!.headers['proxy-authorization']).toBe(`Basic ${Buffer.from('app:proxy-password-1').toString('base64')}`);
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain('proxy-password-1');
    expect(simulator.requests).toEqual([]);
  });

  test("a proxy's HTML 502 on every attempt is not worded as CINNOX's", async ({ simulator, startHost }) => {
    const proxy = await startProxy({ status: 502, html: PAGE(502) });
    withProxyEnv({ HTTP_PROXY: proxy.url });
    const host = await startHost({ retry: { retries: 1, baseDelayMs: 1 } });

    const error = await host.subscribe().catch((refused: unknown) => refused);

    expect(error).toBeInstanceOf(CinnoxProxyError);
    expect(error).toMatchObject({ status: 502, proxy: proxy.url, attempts: 2 });
    expect((error as Error).message).toMatch(
      /^The proxy at http:\/\/127\.0\.0\.1:\d+ answered PATCH \S+ itself with HTTP 502 \(a text\/html body, not CINNOX's \{ code, message \} JSON\) after 2 attempts; CINNOX was not reached\./,
    );
    expect((error as Error).message).not.toMatch(/CINNOX rejected|appToken|appId/);
    expect(proxy.seen).toHaveLength(2);
    expect(simulator.requests).toEqual([]);
  });

  test("CINNOX's own refusal relayed by the proxy stays CINNOX's", async ({ simulator, startHost }) => {
    const proxy = await startProxy({ forward: true });
    const host = await startHost({ http: { proxy: viaProxy(proxy) } });
    simulator.failNext({ status: 400, body: { code: 4001, message: 'url not allowed' } });

    const error = await host.subscribe().catch((refused: unknown) => refused);

    expect(error).toBeInstanceOf(CinnoxApiError);
    expect(error).toMatchObject({ status: 400, code: 4001, vendorMessage: 'url not allowed' });
    expect(proxy.seen).toHaveLength(1);
  });

  test('an HTTPS call through HTTPS_PROXY, tunnel (CONNECT) refused with 407: a CinnoxProxyError', async ({ startHost }) => {
    const proxy = await startProxy({ forward: true });
    withProxyEnv({ HTTPS_PROXY: proxy.url });
    const unreached = await closedPort();
    const host = await startHost({ baseUrl: `https://127.0.0.1:${unreached}` });

    const error = await host.subscribe().catch((refused: unknown) => refused);

    expect(proxy.seen).toEqual([expect.objectContaining({ method: 'CONNECT', target: `127.0.0.1:${unreached}` })]);
    expect(error).toBeInstanceOf(CinnoxProxyError);
    expect(error).toMatchObject({ status: 407, proxy: `http://127.0.0.1:${proxy.port}` });
  });
});
