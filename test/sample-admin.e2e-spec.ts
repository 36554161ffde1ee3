import { callEndNotification, callStartNotification } from 'nestjs-cinnox/testing';
import { afterAll, describe, expect } from 'vitest';
import { adminRequest } from './support/admin-client.js';
import { openSse } from './support/sse-client.js';
import { cinnoxEnv, test } from './support/e2e.fixture.js';
import { DATABASE_URL, dropSchema, postgresAvailable, postgresPool, testSchema } from './support/postgres.js';

// Issue 21 §2 and §4: the sample's delivery log in PostgreSQL, its admin routes (only with ADMIN_TOKEN), a
// listener failing on demand (SAMPLE_FAIL_CALL_PREFIX), the fix deployed as a restart on the same schema, and
// a failedOnly replay. Over real HTTP, on the machine's PostgreSQL, each test in a schema of its own.

const reachable = await postgresAvailable('the sample admin e2e tests');
const TOKEN = 'admin-token-0123456789';
// The log writes every second (the library's default flush interval): polls wait longer than that.
const POLL = { timeout: 8000 };
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe.skipIf(!reachable)('the sample admin routes and the delivery log', () => {
  const pool = postgresPool(2);
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool.end();
  });
  /** A schema this test keeps across restarts of the sample. */
  const database = (): NodeJS.ProcessEnv => {
    const schema = testSchema();
    schemas.push(schema);
    return { DATABASE_URL, CINNOX_DB_SCHEMA: schema };
  };

  test('without ADMIN_TOKEN none of the admin routes exists (404)', async ({ simulator, startSample }) => {
    const sample = await startSample(cinnoxEnv(simulator));
    expect((await adminRequest(sample.url, '/admin/deliveries', { token: TOKEN })).status).toBe(404);
    expect((await adminRequest(sample.url, '/admin/replay', { token: TOKEN, method: 'POST', body: {} })).status).toBe(404);
    expect((await adminRequest(sample.url, '/admin/coverage', { token: TOKEN })).status).toBe(404);
    const window = { from: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() };
    expect((await adminRequest(sample.url, '/admin/reconcile', { token: TOKEN, method: 'POST', body: window })).status).toBe(404);
  });

  test('answers 401 without a token, with a wrong one or another scheme; 200 with the right one', async ({ simulator, startSample }) => {
    const sample = await startSample({ ...cinnoxEnv(simulator), ADMIN_TOKEN: TOKEN });
    const wrong = [undefined, 'admin-token-012345678', `${TOKEN}x`, ''];
    for (const token of wrong) {
      expect({ token, status: (await adminRequest(sample.url, '/admin/deliveries', { token })).status }).toEqual({ token, status: 401 });
    }
    const basic = await fetch(`${sample.url}/admin/deliveries`, { headers: { Authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(401);
    expect((await adminRequest(sample.url, '/admin/replay', { method: 'POST', body: {} })).status).toBe(401);
    expect((await adminRequest(sample.url, '/admin/coverage', { token: `${TOKEN}x` })).status).toBe(401);
    expect(await adminRequest(sample.url, '/admin/deliveries', { token: TOKEN })).toMatchObject({ status: 200, body: [] });
  });

  test('answers 409 on the log routes when the delivery log is off (CINNOX_DELIVERY_LOG=off); coverage and reconcile still answer', async ({
    simulator,
    startSample,
  }) => {
    const sample = await startSample({ ...cinnoxEnv(simulator), ADMIN_TOKEN: TOKEN, CINNOX_DELIVERY_LOG: 'off' });
    expect(await adminRequest(sample.url, '/admin/deliveries', { token: TOKEN })).toMatchObject({
      status: 409,
      body: { message: expect.stringContaining('CINNOX_DELIVERY_LOG=off') },
    });
    expect((await adminRequest(sample.url, '/admin/replay', { token: TOKEN, method: 'POST', body: {} })).status).toBe(409);
    // Coverage and reconcile do not read the delivery log: they answer with it off.
    expect(await adminRequest(sample.url, '/admin/coverage', { token: TOKEN })).toMatchObject({ status: 200, body: [] });
    const window = { from: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() };
    expect(await adminRequest(sample.url, '/admin/reconcile', { token: TOKEN, method: 'POST', body: window })).toMatchObject({
      status: 200,
      body: { checked: 0, added: 0, completed: 0 },
    });
  });

  test('answers 400 to bad query values and replay fields', async ({ simulator, startSample }) => {
    const sample = await startSample({ ...cinnoxEnv(simulator), ADMIN_TOKEN: TOKEN });
    for (const query of [
      'from=yesterday',
      'to=2026-13-01T00:00:00Z',
      'hook=sms',
      'failedOnly=yes',
      'limit=0',
      'limit=1001',
      'cursor=nope',
      'extra=1',
    ]) {
      const answer = await adminRequest(sample.url, `/admin/deliveries?${query}`, { token: TOKEN });
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
    }
    for (const body of [{ failedOnly: 'yes' }, { from: 'now' }, { hook: 'sms' }, { failedonly: true }]) {
      const answer = await adminRequest(sample.url, '/admin/replay', { token: TOKEN, method: 'POST', body });
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
  });

  test('a listener failed on 20 deliveries, fixed by a restart, then a failedOnly replay: the 20 reach it, nothing else is re-emitted, no call completes twice', async ({
    simulator,
    startSample,
  }) => {
    const env = { ...cinnoxEnv(simulator), ...database(), ADMIN_TOKEN: TOKEN };
    const broken = await startSample({ ...env, SAMPLE_FAIL_CALL_PREFIX: 'fail-' });
    await broken.subscribe();
    const failing = Array.from({ length: 20 }, (_, n) => `fail-${n}`);
    for (const id of [...failing, 'ok-1', 'ok-2']) expect((await simulator.deliver(callStartNotification({ id }))).status).toBe(200);
    for (const id of [...failing, 'ok-1', 'ok-2']) expect((await simulator.deliver(callEndNotification(id))).status).toBe(200);
    await expect.poll(() => broken.count('call.completed'), POLL).toBe(22);

    // Every delivery is logged; exactly the 20 starts the broken listener threw on are failed.
    await expect
      .poll(async () => (await adminRequest(broken.url, '/admin/deliveries?limit=1000', { token: TOKEN })).body.length, POLL)
      .toBe(44);
    const failed = await adminRequest(broken.url, '/admin/deliveries?failedOnly=true&hook=call&limit=1000', { token: TOKEN });
    expect(failed.body.map((entry: { eventIds: string[] }) => entry.eventIds[0])).toEqual(failing.map((id) => `call:${id}:CallStart`));
    expect(failed.body[0]).toEqual({
      hook: 'call',
      receivedAt: expect.stringMatching(RFC_3339),
      eventIds: ['call:fail-0:CallStart'],
      duplicate: false,
      outcome: 'failed',
      failures: [{ event: 'call.start', listener: expect.any(Number), error: expect.stringContaining('SAMPLE_FAIL_CALL_PREFIX') }],
    });
    await broken.close();

    // "Deploying the fix": the same database, without the prefix.
    const fixed = await startSample(env);
    expect(await adminRequest(fixed.url, '/admin/replay', { token: TOKEN, method: 'POST', body: { failedOnly: true } })).toMatchObject({
      status: 200,
      body: { replayed: 20 },
    });
    // The 20 starts reached every listener, the fixed one included; nothing else was re-emitted.
    expect(fixed.events.map((event) => [event.name, event.payload.callId, event.payload.replayed])).toEqual(
      failing.map((id) => ['call.start', id, true]),
    );
    await expect
      .poll(async () => (await adminRequest(fixed.url, '/admin/deliveries?failedOnly=true', { token: TOKEN })).body, POLL)
      .toEqual([]);
    // No call completed twice: the replay did not touch the call store, every call is still ended once.
    expect(fixed.count('call.completed')).toBe(0);
    const calls = await fixed.get('/calls?status=ended&limit=1000');
    expect(calls.body.map((call: { id: string }) => call.id).sort()).toEqual([...failing, 'ok-1', 'ok-2'].sort());
  }, 60_000);

  test('GET /calls pages with Next-Cursor, filters by time and refuses bad values', async ({ simulator, startSample }) => {
    const sample = await startSample({ ...cinnoxEnv(simulator), ...database() });
    await sample.subscribe();
    const before = new Date().toISOString();
    for (let n = 0; n < 5; n++) await simulator.deliver(callStartNotification({ id: `page-${n}` }));
    await expect.poll(async () => (await sample.get('/calls')).body.length, POLL).toBe(5);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const response = await fetch(`${sample.url}/calls?limit=2&from=${encodeURIComponent(before)}${query}`);
      expect(response.status).toBe(200);
      seen.push(...((await response.json()) as { id: string }[]).map((call) => call.id));
      cursor = response.headers.get('next-cursor');
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(3);
    // Every call once across the pages (their order is the store's first-write order, which concurrent writes decide).
    expect(seen.toSorted()).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);

    expect((await sample.get(`/calls?to=${encodeURIComponent(before)}`)).body).toEqual([]);
    for (const query of ['from=today', 'to=2026-01-01', 'cursor=nope', 'limit=0', 'status=done']) {
      expect({ query, status: (await sample.get(`/calls?${query}`)).status }).toEqual({ query, status: 400 });
    }
  });

  test('a restart on the same database: the downtime is one no-replica gap per enabled hook in GET /admin/coverage, /health and the board', async ({
    simulator,
    startSample,
  }) => {
    const env = {
      ...cinnoxEnv(simulator),
      ...database(),
      ADMIN_TOKEN: TOKEN,
      CINNOX_HOOKS: 'call,recording',
      CINNOX_COVERAGE_HEARTBEAT_MS: '50',
    };
    const first = await startSample(env);
    await first.subscribe();
    expect(await adminRequest(first.url, '/admin/coverage', { token: TOKEN })).toMatchObject({ status: 200, body: [] });
    await first.close();
    const stoppedAt = Date.now();
    // Down for well over three heartbeats, measured by the clock rather than waited for blindly.
    await expect.poll(() => Date.now() - stoppedAt).toBeGreaterThan(500);

    const second = await startSample(env);
    await expect.poll(async () => (await adminRequest(second.url, '/admin/coverage', { token: TOKEN })).body, POLL).toHaveLength(2);
    const gaps = (await adminRequest(second.url, '/admin/coverage', { token: TOKEN })).body as {
      hook: string;
      from: string;
      to: string;
      reason: string;
    }[];
    expect(gaps.map(({ hook, reason }) => ({ hook, reason })).sort((a, b) => a.hook.localeCompare(b.hook))).toEqual([
      { hook: 'call', reason: 'no-replica' },
      { hook: 'recording', reason: 'no-replica' },
    ]);
    for (const gap of gaps) {
      expect(gap.from).toMatch(RFC_3339);
      expect(Date.parse(gap.to) - Date.parse(gap.from)).toBeGreaterThanOrEqual(500);
    }
    const health = await second.get('/health');
    expect(health.body.details['cinnox.call'].coverage.recentGaps).toHaveLength(1);
    expect(health.body.details['cinnox.delivery-log']).toMatchObject({ status: 'up', enabled: true });
    // The call board's status message lists the same gaps (its stream wants the admin token: CINNOX_BASE_URL is set).
    const board = await openSse(`${second.url}/board/events`, { Authorization: `Bearer ${TOKEN}` });
    try {
      await expect.poll(() => board.events[0]?.type).toBe('status');
      const shown = board.events[0]!.data.coverageGaps;
      expect(shown).toHaveLength(2);
      expect(shown).toEqual(expect.arrayContaining(gaps));
    } finally {
      board.close();
    }
    for (const query of ['from=today', 'hook=sms', 'limit=0', 'extra=1']) {
      const answer = await adminRequest(second.url, `/admin/coverage?${query}`, { token: TOKEN });
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
    }
  }, 30_000);
});
