import { createConnection, createServer, type Socket } from 'node:net';

/** A TCP proxy on 127.0.0.1 in front of a real server, that can stop forwarding while keeping its sockets open. */
export interface FreezableProxy {
  /** The proxy's port on 127.0.0.1. */
  readonly port: number;
  /**
   * Stops forwarding, in both directions: connections stay open and new ones are accepted, but nothing
   * reaches the server and nothing comes back, not even the close of a connection the client ended. That
   * is a server that is stuck (a Redis paused with SIGSTOP, or busy in a long script) as its clients see it.
   */
  freeze(): void;
  /** What clients sent since the freeze, held (as latin1 text): a test polls it to know a command reached "Redis". */
  sent(): string;
  /** Takes the server down: every connection through the proxy is dropped, and new ones are dropped at once. */
  cut(): void;
  /** Forwards again (frozen: everything held meanwhile first; cut: new connections reach the server again). */
  thaw(): void;
  /** Closes the proxy and every connection through it. */
  close(): Promise<void>;
}

/** One direction of a connection, and what it holds while the proxy is frozen. */
interface Lane {
  upstream: boolean;
  to: Socket;
  held: Buffer[];
  ended: boolean;
}

/**
 * Starts a freezable proxy to `target` (host and port of a real server, e.g. the machine's Redis). Held
 * bytes are kept in memory, so a test freezes it for seconds, not under a flood.
 */
export async function startFreezableProxy(target: { host: string; port: number }): Promise<FreezableProxy> {
  const sockets = new Set<Socket>();
  const lanes = new Set<Lane>();
  let frozen = false;
  let down = false;
  const flush = (lane: Lane) => {
    for (const chunk of lane.held.splice(0)) lane.to.write(chunk);
    if (lane.ended) lane.to.end();
  };
  const forward = (from: Socket, to: Socket, upstream: boolean) => {
    const lane: Lane = { upstream, to, held: [], ended: false };
    lanes.add(lane);
    from.on('data', (chunk: Buffer) => {
      lane.held.push(chunk);
      if (!frozen) flush(lane);
    });
    // Half-open sockets: an end is passed on (or held) like data, never answered by the proxy itself.
    from.on('end', () => {
      lane.ended = true;
      if (!frozen) flush(lane);
    });
    from.on('close', () => lanes.delete(lane));
  };
  const server = createServer({ allowHalfOpen: true }, (client) => {
    if (down) return void client.destroy();
    const upstream = createConnection({ port: target.port, host: target.host, allowHalfOpen: true });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      // A socket destroyed on one side (a client cutting its connection) takes the other with it.
      socket.on('close', () => (socket === client ? upstream : client).destroy());
      socket.on('error', () => undefined);
    }
    forward(client, upstream, true);
    forward(upstream, client, false);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    freeze() {
      frozen = true;
    },
    sent() {
      return [...lanes]
        .filter((lane) => lane.upstream)
        .map((lane) => Buffer.concat(lane.held).toString('latin1'))
        .join('');
    },
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    thaw() {
      frozen = false;
      down = false;
      for (const lane of lanes) if (!lane.to.destroyed) flush(lane);
    },
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
