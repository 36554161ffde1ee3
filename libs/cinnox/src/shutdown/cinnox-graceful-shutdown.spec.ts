import { Injectable, type INestApplication, type LoggerService } from '@nestjs/common';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CinnoxModule } from '../cinnox.module.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import { CinnoxGracefulShutdown } from './cinnox-graceful-shutdown.js';

// The shutdown as Nest runs it (app.close(): onModuleDestroy, beforeApplicationShutdown, onApplicationShutdown),
// in a minimal app on Express's node:http server on 127.0.0.1, seen from keep-alive clients.

const WEBHOOK = '/cinnox/webhooks/call-events';
const callStart = (id: string) => ({ message: { id, status: 'CallStart', serviceId: 'service-demo' } });

/** A call.start listener that runs until the test releases it. */
@Injectable()
class HeldListener {
  readonly entered: string[] = [];
  readonly finished: string[] = [];
  private releases: (() => void)[] = [];

  @OnEvent('call.start', { suppressErrors: false })
  async hold(event: { callId: string }): Promise<void> {
    this.entered.push(event.callId);
    await new Promise<void>((resolve) => this.releases.push(resolve));
    this.finished.push(event.callId);
  }

  release(): void {
    for (const resolve of this.releases.splice(0)) resolve();
  }
}

/** Collects the warnings, for the deadline's line. */
class Warnings implements LoggerService {
  readonly lines: string[] = [];
  log(): void {}
  error(): void {}
  warn(message: unknown): void {
    this.lines.push(String(message));
  }
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
}

interface Started {
  app: INestApplication;
  /** Closes the app once (app.close()); later calls return the same promise. */
  close(): Promise<void>;
}

const apps: Started[] = [];
const agents: Agent[] = [];
afterEach(async () => {
  for (const agent of agents.splice(0)) agent.destroy();
  // A test that let a listener hang releases it here, so the app can close.
  for (const started of apps.splice(0)) {
    started.app.get(HeldListener).release();
    await started.close();
  }
});

async function start(
  options: { shutdownDelayMs?: number; shutdownGraceMs?: number; awaitListeners?: boolean },
  logger: LoggerService | false = false,
) {
  const moduleRef = await Test.createTestingModule({
    imports: [
      EventEmitterModule.forRoot(),
      CinnoxModule.forRoot({
        baseUrl: 'http://127.0.0.1:9',
        appId: 'app',
        appToken: 'token-0123456789',
        shutdownDelayMs: options.shutdownDelayMs ?? 0,
        shutdownGraceMs: options.shutdownGraceMs ?? 10_000,
        webhook: { awaitListeners: options.awaitListeners ?? false },
      }),
    ],
    providers: [HeldListener],
  }).compile();
  const app = moduleRef.createNestApplication({ logger });
  await app.listen(0, '127.0.0.1');
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close());
  apps.push({ app, close });
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { close, port, listener: app.get(HeldListener), shutdown: app.get(CinnoxGracefulShutdown), status: app.get(CinnoxStatus) };
}

/** A keep-alive client with one socket, reused by every request. */
function client(port: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.push(agent);
  const sockets: Socket[] = [];
  const post = (body: unknown) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: WEBHOOK, method: 'POST', agent, headers: { 'Content-Type': 'application/json' } },
        (res) => {
          res.resume().on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
        },
      );
      req.on('socket', (socket: Socket) => {
        if (!sockets.includes(socket)) sockets.push(socket);
      });
      req.on('error', reject).end(JSON.stringify(body));
    });
  return { post, sockets };
}

const closed = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

/** Whether a new TCP connection to `port` is refused. */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

/** Whether `promise` has settled by the time the events already queued have run. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('CinnoxGracefulShutdown', () => {
  it('says the app is shutting down at once, keeps serving keep-alive clients for shutdownDelayMs, then stops accepting', async () => {
    const { close, port, status } = await start({ shutdownDelayMs: 1500 });
    const { post, sockets } = client(port);
    expect((await post({ challenge: 'before' })).headers.connection).toBe('keep-alive');

    const began = Date.now();
    const closing = close();
    await vi.waitFor(() => expect(status.shuttingDownSince).toBeInstanceOf(Date));

    // The delay: the same socket still carries requests, answered as usual, and new connections are taken.
    const during = await post({ challenge: 'during' });
    expect(during).toMatchObject({ status: 200, headers: { connection: 'keep-alive' } });
    expect(sockets).toHaveLength(1);
    await expect(refused(port)).resolves.toBe(false);
    expect(await isSettled(closing)).toBe(false);

    // Then the drain: the idle keep-alive socket is closed, nothing new is accepted, and the app closes.
    await closed(sockets[0]!);
    await closing;
    expect(Date.now() - began).toBeGreaterThanOrEqual(1500);
    await expect(refused(port)).resolves.toBe(true);
  });

  it('waits for the response under way and the listeners already dispatched; the response says Connection: close', async () => {
    const { close, port, listener, shutdown } = await start({ awaitListeners: true });
    const { post, sockets } = client(port);

    // With awaitListeners the answer waits for the listener: a request under way when the shutdown starts.
    const answer = post(callStart('call-held'));
    await vi.waitFor(() => expect(listener.entered).toEqual(['call-held']));
    const closing = close();

    await vi.waitFor(async () => expect(await refused(port)).toBe(true));
    expect(await isSettled(closing)).toBe(false);
    expect(sockets[0]!.destroyed).toBe(false);

    listener.release();
    await expect(answer).resolves.toMatchObject({ status: 200, headers: { connection: 'close' } });
    await closing;
    expect(listener.finished).toEqual(['call-held']);
    expect(shutdown.signal.aborted).toBe(false);
    await closed(sockets[0]!);
  });

  it('waits for a listener whose request was already answered', async () => {
    const { close, port, listener } = await start({});
    const { post } = client(port);
    await expect(post(callStart('call-after-answer'))).resolves.toMatchObject({ status: 200 });
    await vi.waitFor(() => expect(listener.entered).toEqual(['call-after-answer']));

    const closing = close();
    await vi.waitFor(async () => expect(await refused(port)).toBe(true));
    expect(await isSettled(closing)).toBe(false);

    listener.release();
    await closing;
    expect(listener.finished).toEqual(['call-after-answer']);
  });

  it('stops waiting at shutdownGraceMs less a fifth: aborts its signal, drops the connection, and says what was unfinished', async () => {
    const warnings = new Warnings();
    const { close, port, listener, shutdown } = await start({ shutdownGraceMs: 1000, awaitListeners: true }, warnings);
    const { post } = client(port);
    const hanging = post(callStart('call-hanging'));
    await vi.waitFor(() => expect(listener.entered).toEqual(['call-hanging']));

    const began = Date.now();
    await close();
    const took = Date.now() - began;

    // 1000 ms less a fifth: 800 ms of waiting, the rest kept for the teardown. Never released, the
    // listener would otherwise hold close() until the test's timeout.
    expect(took).toBeGreaterThanOrEqual(800);
    expect(took).toBeLessThan(5000);
    expect(shutdown.signal.aborted).toBe(true);
    expect(String(shutdown.signal.reason)).toContain('Shutdown waited 800 ms');
    await expect(hanging).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(warnings.lines).toEqual([expect.stringContaining('1 request(s) and 1 listener dispatch(es) are unfinished')]);
  });

  it('refuses a TerminusModule gracefulShutdownTimeoutMs: the library owns the delay', async () => {
    const compiled = await Test.createTestingModule({
      imports: [
        EventEmitterModule.forRoot(),
        CinnoxModule.forRoot({ baseUrl: 'http://127.0.0.1:9', appId: 'app', appToken: 'token', shutdownDelayMs: 500 }),
      ],
      providers: [{ provide: 'TERMINUS:MODULE_OPTIONS', useValue: { gracefulShutdownTimeoutMs: 2000 } }],
    }).compile();

    const error = await compiled.init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CinnoxOptionsError);
    expect(error).toMatchObject({ option: 'shutdownDelayMs', message: expect.stringContaining('set shutdownDelayMs: 2000') });
    await compiled.close();
  });

  it('closes an application context without an HTTP server', async () => {
    const context = await Test.createTestingModule({
      imports: [EventEmitterModule.forRoot(), CinnoxModule.forRoot({ baseUrl: 'http://127.0.0.1:9', appId: 'app', appToken: 'token' })],
    }).compile();
    await context.init();
    const status = context.get(CinnoxStatus);

    await context.close();
    expect(status.shuttingDownSince).toBeInstanceOf(Date);
    expect(context.get(CinnoxGracefulShutdown).signal.aborted).toBe(false);
  });
});
