import { CinnoxStatus } from 'nestjs-cinnox';
import { CinnoxSimulator, inquiryNotification, recordingNotification } from 'nestjs-cinnox/testing';
import { describe, expect } from 'vitest';
import { cinnoxEnv, test } from './support/e2e.fixture.js';
import { openSse } from './support/sse-client.js';

// The sample's call board (src/board/): its page and its update stream, GET /board/events, over real sockets on
// each adapter; who may see it. A browser drives it in call-board-browser.once.e2e-spec.ts.

const ADMIN_TOKEN = 'board-admin-token-0123456789';

describe('call board', () => {
  test("streams a call's start, end and recording, and another hook's event, with the embedded simulator (open)", async ({
    startSample,
  }) => {
    const sample = await startSample({ CINNOX_DEMO_INTERVAL_MS: '0' });
    const status = sample.app.get(CinnoxStatus);
    for (const hook of ['call', 'recording', 'inquiry']) await expect.poll(() => status.lifecycle(hook)?.state).toBe('active');

    const stream = await openSse(`${sample.url}/board/events`);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await expect
        .poll(() => stream.events[0])
        .toMatchObject({
          type: 'status',
          data: {
            heartbeatMs: 15_000,
            shuttingDown: false,
            hooks: expect.arrayContaining([
              { hook: 'call', state: 'active', since: expect.any(String), lastError: null, lastNotificationAt: null },
            ]),
          },
        });

      const simulator = sample.app.get(CinnoxSimulator);
      const call = await simulator.placeCall({ caller: { number: 85230001000 }, callees: [{ eid: 'staff-1', number: '+85291234567' }] });
      const changes = () => stream.of('call').filter((change) => change.id === call.callId);
      await expect.poll(changes).toEqual([
        {
          id: call.callId,
          status: 'active',
          serviceId: 'service-demo',
          caller: { number: '85230001000' },
          callees: [{ eid: 'staff-1', number: '+85291234567' }],
          startedAt: expect.any(String),
        },
      ]);

      await simulator.endCall(call.callId);
      await expect.poll(() => changes()[1]).toMatchObject({ id: call.callId, status: 'ended', endedAt: expect.any(String) });
      const ended = changes()[1];
      expect(ended.durationMs).toBe(Date.parse(ended.endedAt) - Date.parse(changes()[0].startedAt));

      await simulator.deliver(recordingNotification({ id: call.callId, status: 'fail' }), { hook: 'recording' });
      await expect.poll(() => changes()[2]).toEqual({ id: call.callId, recordingStatus: 'fail' });
      // What the stream said is what GET /calls says.
      expect((await sample.get(`/calls/${call.callId}`)).body).toMatchObject({
        status: 'ended',
        recordingStatus: 'fail',
        durationMs: ended.durationMs,
      });

      await simulator.deliver(inquiryNotification({ eid: 'inq-board-1' }), { hook: 'inquiry' });
      await expect
        .poll(() => stream.of('hook-event'))
        .toEqual([
          {
            event: 'inquiry.opened',
            hook: 'inquiry',
            eventId: expect.stringContaining('inq-board-1'),
            receivedAt: expect.any(String),
            summary: expect.stringContaining('enquiry inq-board-1'),
          },
        ]);
    } finally {
      stream.close();
    }
  });

  test('serves the page and the two files it loads, nothing from elsewhere', async ({ startSample }) => {
    const sample = await startSample({ CINNOX_DEMO_INTERVAL_MS: '0' });
    const page = await fetch(`${sample.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'",
    );
    const html = await page.text();
    const loaded = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(loaded).toEqual(['data:,', 'board/board.css', 'board/board.js']);

    const style = await fetch(`${sample.url}/board/board.css`);
    expect([style.status, style.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
    const script = await fetch(`${sample.url}/board/board.js`);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(await script.text()).toContain("new EventSource('board/events')");
  });

  test('against a real CINNOX without ADMIN_TOKEN, the board does not exist (404)', async ({ simulator, startSample }) => {
    const sample = await startSample(cinnoxEnv(simulator));
    const paths = ['/', '/board/events', '/board/board.js'];
    const statuses = await Promise.all(paths.map(async (path) => [path, (await sample.get(path)).status]));
    expect(statuses).toEqual(paths.map((path) => [path, 404]));
  });

  test('against a real CINNOX with ADMIN_TOKEN: ?token= once, then an HttpOnly SameSite=Strict cookie, or a Bearer header', async ({
    simulator,
    startSample,
  }) => {
    const sample = await startSample({ ...cinnoxEnv(simulator), ADMIN_TOKEN });
    expect((await sample.get('/')).status).toBe(401);
    expect((await sample.get('/board/events')).status).toBe(401);
    expect((await sample.get('/?token=not-the-admin-token')).status).toBe(401);

    const entry = await fetch(`${sample.url}/?token=${ADMIN_TOKEN}`, { redirect: 'manual' });
    expect(entry.status).toBe(303);
    expect(entry.headers.get('location')).toBe('./');
    const setCookie = entry.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^cinnox_board=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toContain(ADMIN_TOKEN);
    const cookie = setCookie.split(';')[0]!;

    const page = await fetch(`${sample.url}/`, { headers: { Cookie: `other=1; ${cookie}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Call board</h1>');
    // The admin token itself is no cookie of the board's.
    expect((await fetch(`${sample.url}/`, { headers: { Cookie: `cinnox_board=${ADMIN_TOKEN}` } })).status).toBe(401);

    const ways: Array<Record<string, string>> = [{ Cookie: cookie }, { Authorization: `Bearer ${ADMIN_TOKEN}` }];
    for (const headers of ways) {
      const stream = await openSse(`${sample.url}/board/events`, headers);
      try {
        expect(stream.status).toBe(200);
        await expect.poll(() => stream.of('status')[0]?.hooks).toEqual([expect.objectContaining({ hook: 'call' })]);
      } finally {
        stream.close();
      }
    }
    const refused = await openSse(`${sample.url}/board/events`, { Authorization: 'Bearer not-the-admin-token' });
    expect(refused.status).toBe(401);
  });

  test('ends every open stream when the app closes, so none holds the close', async ({ startSample }) => {
    const sample = await startSample({ CINNOX_DEMO_INTERVAL_MS: '0' });
    const stream = await openSse(`${sample.url}/board/events`);
    await expect.poll(() => stream.of('status').length).toBeGreaterThan(0);
    await sample.close();
    await expect(stream.ended).resolves.toBeUndefined();
  });
});
