import { Agent, createServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpServerDrain } from './http-server-drain.js';

// A real node:http server on 127.0.0.1 and keep-alive clients: what a stop looks like from the other end
// of the socket. `/hold` answers only when the test releases it; `/stream` sends its headers at once and
// its end when released; anything else is answered at once.

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Served {
  server: Server;
  port: number;
  /** Responses held by `/hold` and `/stream`, in arrival order. */
  held: ServerResponse[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(): Promise<Served> {
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/hold') held.push(res);
    else if (req.url === '/stream') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('head ');
      held.push(res);
    } else res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    if (server.listening) await new Promise((resolve) => server.close(resolve));
  });
  return { server, port: (server.address() as AddressInfo).port, held };
}

/** A keep-alive client with one socket, so every request after the first reuses it. */
function client(port: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  cleanups.push(() => agent.destroy());
  const sockets: Socket[] = [];
  const get = (path: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        res.on('error', reject);
      });
      req.on('socket', (socket: Socket) => {
        if (!sockets.includes(socket)) sockets.push(socket);
      });
      req.on('error', reject);
      req.end();
    });
  return {
    get,
    sockets,
    closed: (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve()))),
  };
}

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

describe('HttpServerDrain', () => {
  it('counts the responses under way, and idle() resolves once the last one has finished', async () => {
    const { server, port, held } = await serve();
    const drain = new HttpServerDrain(server);
    expect(drain.active).toBe(0);
    await expect(isSettled(drain.idle())).resolves.toBe(true);

    const { get } = client(port);
    const answer = get('/hold');
    await vi.waitFor(() => expect(held).toHaveLength(1));
    expect(drain.active).toBe(1);
    const idle = drain.idle();
    expect(await isSettled(idle)).toBe(false);

    held[0]!.end('late');
    await expect(answer).resolves.toMatchObject({ status: 200, body: 'late' });
    await idle;
    expect(drain.active).toBe(0);
  });

  it('start(): refuses new connections, closes idle keep-alive sockets, and ends the busy one after its response', async () => {
    const { server, port, held } = await serve();
    const drain = new HttpServerDrain(server);
    const idleClient = client(port);
    const busyClient = client(port);

    // Before the stop, answers keep their connection.
    expect((await idleClient.get('/')).headers.connection).toBe('keep-alive');
    const idleSocket = idleClient.sockets[0]!;
    const busy = busyClient.get('/hold');
    await vi.waitFor(() => expect(held).toHaveLength(1));
    const busySocket = busyClient.sockets[0]!;

    drain.start();

    expect(server.listening).toBe(false);
    await expect(refused(port)).resolves.toBe(true);
    await idleClient.closed(idleSocket);
    expect(busySocket.destroyed).toBe(false);
    expect(drain.active).toBe(1);

    held[0]!.end('last');
    const answer = await busy;
    expect(answer).toMatchObject({ status: 200, body: 'last' });
    expect(answer.headers.connection).toBe('close');
    await busyClient.closed(busySocket);
    await drain.idle();
  });

  it('marks the next request on a socket whose answer had already started as the last, and closeIdle() closes sockets left idle', async () => {
    const { server, port, held } = await serve();
    const drain = new HttpServerDrain(server);
    const { get, sockets, closed } = client(port);

    const streamed = get('/stream');
    await vi.waitFor(() => expect(held).toHaveLength(1));
    drain.start();
    // Its headers went out before the stop: they cannot say close any more, so the socket stays open after it.
    held[0]!.end('tail');
    const first = await streamed;
    expect(first).toMatchObject({ body: 'head tail' });
    expect(first.headers.connection).toBe('keep-alive');

    // The client reuses the socket: the request that arrives during the drain is answered, as the connection's last.
    const next = await get('/');
    expect(next).toMatchObject({ status: 200, body: 'ok' });
    expect(next.headers.connection).toBe('close');
    expect(sockets).toHaveLength(1);
    await closed(sockets[0]!);

    // A keep-alive socket that finished before the stop closes with closeIdle().
    const { server: other, port: otherPort } = await serve();
    const otherDrain = new HttpServerDrain(other);
    const idleClient = client(otherPort);
    await idleClient.get('/');
    const idleSocket = idleClient.sockets[0]!;
    expect(idleSocket.destroyed).toBe(false);
    otherDrain.closeIdle();
    await idleClient.closed(idleSocket);
  });

  it('closeAll() drops the connections whose responses are still under way', async () => {
    const { server, port, held } = await serve();
    const drain = new HttpServerDrain(server);
    const { get } = client(port);

    const hanging = get('/hold');
    await vi.waitFor(() => expect(held).toHaveLength(1));
    const idle = drain.idle();
    drain.start();
    drain.closeAll();

    await expect(hanging).rejects.toMatchObject({ code: 'ECONNRESET' });
    await idle;
    expect(drain.active).toBe(0);
  });

  it('dispose() stops tracking the server', async () => {
    const { server, port, held } = await serve();
    const drain = new HttpServerDrain(server);
    drain.dispose();
    const { get } = client(port);

    const answer = get('/hold');
    await vi.waitFor(() => expect(held).toHaveLength(1));
    expect(drain.active).toBe(0);
    held[0]!.end();
    await answer;
  });
});
