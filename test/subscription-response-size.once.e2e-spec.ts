import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, onTestFinished } from 'vitest';
import { CinnoxResponseError } from 'nestjs-cinnox';
import { test } from './support/e2e.fixture.js';

// A server that answers 200 and never stops sending: the subscription client must stop reading at
// maxResponseBytes and say so, instead of buffering until the heap is gone.

interface Flood {
  url: string;
  /** Bytes written to the client until it hung up. */
  sent: () => number;
  /** Connections still open. */
  open: () => number;
}

async function startFlood(): Promise<Flood> {
  let sent = 0;
  const sockets = new Set<Socket>();
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const server: Server = createServer((_request, answer) => {
    answer.writeHead(200, { 'content-type': 'application/json' });
    answer.write('{"code":0,"result":"');
    const pump = (): void => {
      while (!answer.destroyed && answer.write(chunk)) sent += chunk.length;
      if (!answer.destroyed) answer.once('drain', pump);
    };
    answer.on('close', () => answer.removeAllListeners('drain'));
    pump();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent: () => sent, open: () => sockets.size };
}

describe('the size of CINNOX answers', () => {
  test('an endless answer is cut off at maxResponseBytes with a CinnoxResponseError naming the option', async ({ startHost }) => {
    const flood = await startFlood();
    const host = await startHost({ baseUrl: flood.url, maxResponseBytes: 256 * 1024, retry: { retries: 0 } });

    const error = await host.subscribe().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CinnoxResponseError);
    expect((error as Error).message).toMatch(/larger than 262144 bytes.*raise maxResponseBytes/);
    // The client hung up, and what was sent is bounded by the cap and the sockets' buffers, not by time.
    await expect.poll(() => flood.open()).toBe(0);
    expect(flood.sent()).toBeLessThan(64 * 1024 * 1024);
  });

  test('the default cap (1 MiB) applies without the option', async ({ startHost }) => {
    const flood = await startFlood();
    const host = await startHost({ baseUrl: flood.url, retry: { retries: 0 } });

    const error = await host.subscribe().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CinnoxResponseError);
    expect((error as Error).message).toContain('larger than 1048576 bytes');
  });
});
