import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, vi } from 'vitest';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { cinnoxEnv, test } from './support/e2e.fixture.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

// Issue 10, defects 9 (sample part) and 11: in queue mode, Redis going away shows on /health (the `queue`
// indicator is down, 503) and no Redis client of the sample is left without an error listener.

const reachable = await redisAvailable('the queue-mode Redis outage tests');

/** A TCP proxy to the real Redis that can be cut: every connection through it dies and new ones are refused. */
async function redisProxy(): Promise<{ url: string; cut(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const target = redisConnection();
  const server: Server = createServer((client) => {
    const upstream = createConnection(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket)).on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}/${target.db}`,
    async cut() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

describe.skipIf(!reachable)('queue mode when Redis goes away', () => {
  const prefix = `cinnox-test-${randomUUID()}`;
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => deleteRedisKeys(`${prefix}:*`));

  test('/health reports the queue down (503) once the producer cannot reach Redis, and every client logs instead of "Unhandled error event"', async ({
    simulator,
    startSample,
  }) => {
    const proxy = await redisProxy();
    const consoleErrors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warnings: string[] = [];
    const logger: LoggerService = { log() {}, error() {}, warn: (message: string) => void warnings.push(String(message)) };
    const sample = await startSample(
      {
        ...cinnoxEnv(simulator),
        CINNOX_MODE: 'queue',
        CINNOX_QUEUE_WORKER: 'false',
        CINNOX_QUEUE_PREFIX: prefix,
        REDIS_URL: proxy.url,
      },
      logger,
    );
    const health = async () => {
      const response = await fetch(`${sample.url}/health`);
      return { status: response.status, body: (await response.json()) as { details: Record<string, { status: string }> } };
    };
    await expect.poll(async () => (await health()).body.details.queue?.status, { timeout: 5000 }).toBe('up');

    await proxy.cut();

    await expect.poll(async () => (await health()).status, { timeout: 5000 }).toBe(503);
    expect((await health()).body.details.queue).toMatchObject({ status: 'down', redis: 'unreachable' });
    expect((await sample.post(callStartNotification())).status).toBe(503);
    await expect
      .poll(() => warnings.some((line) => line.includes("The call journal's Redis is unavailable")), { timeout: 5000 })
      .toBe(true);
    expect(consoleErrors.mock.calls.filter((call) => String(call[0]).includes('Unhandled error event'))).toEqual([]);
  });
});
