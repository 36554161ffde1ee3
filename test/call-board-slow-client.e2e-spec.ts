import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { describe, expect } from 'vitest';
import { BOARD_CLIENT_BUFFER_CHARS } from '../src/board/board-events.controller.js';
import { BoardFeed } from '../src/board/board.feed.js';
import { cinnoxEnv, test } from './support/e2e.fixture.js';
import { openSse } from './support/sse-client.js';

// A board page that stops reading its stream must cost the webhook nothing: its events wait in a bounded buffer
// of its own, and once that is full (after the socket's buffers, which the kernel keeps) its connection is
// dropped, while the webhook answers at its usual pace and a page that reads goes on getting every event.

const ADMIN_TOKEN = 'board-admin-token-0123456789';
// Calls with many long-named callees make large `call` messages (about 5,000 characters), so the socket's
// buffers and the board's fill within a few hundred deliveries.
const CALLEES = Array.from({ length: 20 }, (_, n) => ({
  eid: `staff-${n}-${'x'.repeat(200)}`,
  number: `+8529123${String(n).padStart(4, '0')}`,
}));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Opens the stream over a raw socket and never reads from it. */
async function stalledClient(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.pause();
  await once(socket, 'connect');
  socket.write(
    `GET /board/events HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\n\r\n`,
  );
  return socket;
}

describe('call board: a page that stops reading', () => {
  test(
    'never slows or blocks the webhook, and is dropped once its buffer is full',
    { timeout: 60_000 },
    async ({ simulator, startSample }) => {
      const sample = await startSample({ ...cinnoxEnv(simulator), ADMIN_TOKEN });
      const feed = sample.app.get(BoardFeed);
      const reader = await openSse(`${sample.url}/board/events`, { Authorization: `Bearer ${ADMIN_TOKEN}` });
      let sent = 0;
      // One delivery's answer time, in ms.
      const deliver = async (): Promise<number> => {
        const id = `slow-client-${sent++}`;
        const started = performance.now();
        const answer = await sample.post(callStartNotification({ id, caller: { number: 85230001000 }, callees: CALLEES }));
        expect(answer.status).toBe(200);
        return performance.now() - started;
      };
      try {
        await expect.poll(() => feed.clients).toBe(1);
        const alone: number[] = [];
        for (let n = 0; n < 150; n++) alone.push(await deliver());
        await expect.poll(() => reader.of('call').length).toBe(150);
        const messageChars = JSON.stringify(reader.of('call')[0]).length;

        const stalled = await stalledClient(sample.url);
        await expect.poll(() => feed.clients).toBe(2);
        const beside: number[] = [];
        // Far more than the buffers hold: the kernel's socket buffers on loopback take a few MB.
        while (feed.clients === 2 && beside.length < 5000) beside.push(await deliver());

        expect(feed.clients).toBe(1);
        console.info(
          `stalled page dropped after ${beside.length} deliveries (~${Math.round((beside.length * messageChars) / 1024)} KiB of events, ` +
            `buffer ${BOARD_CLIENT_BUFFER_CHARS / 1024} KiB); webhook median ${median(alone).toFixed(2)} ms alone, ${median(beside).toFixed(2)} ms beside it`,
        );
        // Not slowed: the webhook's median answer beside the stalled page is within noise of its median without it.
        expect(median(beside)).toBeLessThan(median(alone) * 3 + 5);
        // The page that reads got every call, in order, the last one included.
        await expect.poll(() => reader.of('call').length).toBe(sent);
        expect(reader.of('call').at(-1)).toMatchObject({ id: `slow-client-${sent - 1}`, status: 'active' });

        // Read at last, the stalled page's stream ends: the server closed it.
        stalled.resume();
        await once(stalled, 'end');
      } finally {
        reader.close();
      }
    },
  );
});
