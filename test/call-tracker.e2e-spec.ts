import { describe, expect } from 'vitest';
import { callEndNotification, callStartNotification } from 'nestjs-cinnox/testing';
import { cinnoxEnv, test as e2eTest, type SampleHost } from './support/e2e.fixture.js';

// The library's call tracker through the sample app (GET /calls reads it) and a simulated CINNOX, over
// real sockets: halves in order, out of order, duplicated, and a stale call ended late.

/** The sample app pointed at the test's simulator, its webhook subscribed there; `env` on top. */
const test = e2eTest.extend(
  'subscribedApp',
  async ({ simulator, startSample }) =>
    async (env: NodeJS.ProcessEnv = {}): Promise<SampleHost> => {
      const sample = await startSample({ ...cinnoxEnv(simulator), ...env });
      await sample.subscribe();
      return sample;
    },
);

describe('call tracker', () => {
  const completions = (app: { events: { name: string; payload: any }[] }) =>
    app.events.filter((event) => event.name === 'call.completed').map((event) => event.payload);

  test('completes a call whose halves arrive in order, once, with its duration', async ({ simulator, subscribedApp }) => {
    const app = await subscribedApp();
    const call = await simulator.placeCall({ caller: { eid: 's1', number: 85212345678 }, callees: [{ number: '+85298765432' }] });
    await simulator.endCall(call.callId);

    // The sample's store is PostgreSQL: call.completed follows the end's write, after the answer.
    await expect.poll(() => app.events.map((event) => event.name)).toEqual(['call.start', 'call.end', 'call.completed']);
    const [completed] = completions(app);
    const record = (await app.get(`/calls/${call.callId}`)).body;
    expect(record).toMatchObject({ id: call.callId, status: 'ended', caller: { eid: 's1', number: '85212345678' } });
    expect(completed).toMatchObject({
      callId: call.callId,
      serviceId: 'service-demo',
      caller: { eid: 's1', number: '85212345678' },
      callees: [{ number: '+85298765432' }],
      durationMs: record.durationMs,
    });
    expect(record.durationMs).toBe(Date.parse(record.endedAt) - Date.parse(record.startedAt));
    expect(await (await fetch(`${app.url}/metrics`)).text()).toMatch(/cinnox_calls_completed_total 1\n[\s\S]*cinnox_calls_active 0/);
  });

  test('completes a call whose end arrives first without a duration; the late start fills in the record only', async ({
    simulator,
    subscribedApp,
  }) => {
    const app = await subscribedApp();
    await simulator.deliver(callEndNotification('reversed'));
    // The sample's store is PostgreSQL, written after the answer: the start must find the end stored.
    await expect.poll(async () => (await app.get('/calls/reversed')).body.status).toBe('ended');
    await simulator.deliver(callStartNotification({ id: 'reversed', caller: { number: 85211112222 } }));

    await expect.poll(async () => (await app.get('/calls/reversed')).body.startedAt).toEqual(expect.any(String));
    expect(completions(app)).toEqual([expect.objectContaining({ callId: 'reversed', caller: null, startedAt: null, durationMs: null })]);
    expect((await app.get('/calls/reversed')).body).toMatchObject({
      status: 'ended',
      caller: { number: '85211112222' },
      startedAt: expect.any(String),
      endedAt: expect.any(String),
      durationMs: null,
    });
    expect((await app.get('/calls?status=active')).body).toEqual([]);
  });

  test('completes a call once when its halves are delivered twice', async ({ simulator, subscribedApp }) => {
    const app = await subscribedApp();
    for (const body of [callStartNotification({ id: 'twice' }), callStartNotification({ id: 'twice' })]) await simulator.deliver(body);
    for (const body of [callEndNotification('twice'), callEndNotification('twice')]) await simulator.deliver(body);

    await expect.poll(() => completions(app)).toHaveLength(1);
    expect(app.count('call.start')).toBe(1);
    expect(app.count('call.end')).toBe(1);
    expect(completions(app)).toHaveLength(1);
  });

  test('completes a call once even when the dedupe window has passed and a half comes again', async ({ startHost }) => {
    // A 1 ms dedupe TTL lets every redelivery through to the tracker, which alone must hold the line.
    const harness = await startHost({ webhook: { dedupeTtlMs: 1 }, calls: { track: true } });
    for (const body of [callStartNotification({ id: 'again' }), callEndNotification('again')]) {
      await harness.post(body);
      await new Promise((resolve) => setTimeout(resolve, 5)); // sets up the case: past the 1 ms dedupe window
      await harness.post(body);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await harness.post(callEndNotification('again'));

    expect(harness.count('call.end')).toBe(3);
    expect(harness.count('call.completed')).toBe(1);
  });

  test('turns a call with no end stale after CINNOX_CALL_MAX_DURATION_MS, once, and completes it when the end comes late', async ({
    simulator,
    subscribedApp,
  }) => {
    const app = await subscribedApp({ CINNOX_CALL_MAX_DURATION_MS: '300' });
    await simulator.deliver(callStartNotification({ id: 'silent' }));

    await expect.poll(async () => (await app.get('/calls/silent')).body.status, { timeout: 5000, interval: 50 }).toBe('stale');
    expect((await app.get('/calls?status=stale')).body.map((call: { id: string }) => call.id)).toEqual(['silent']);
    await expect.poll(() => app.count('call.stale'), { timeout: 2000 }).toBe(1);
    expect(app.events.find((event) => event.name === 'call.stale')!.payload).toMatchObject({
      callId: 'silent',
      eventId: 'call:silent:stale',
    });

    await simulator.deliver(callEndNotification('silent'));
    await expect.poll(async () => (await app.get('/calls/silent')).body.status).toBe('ended');
    await expect.poll(() => completions(app)).toHaveLength(1);
    const record = (await app.get('/calls/silent')).body;
    expect(record).toMatchObject({ status: 'ended', endedAt: expect.any(String) });
    expect(record.durationMs).toBeGreaterThanOrEqual(300);
    expect(completions(app)).toEqual([expect.objectContaining({ callId: 'silent', durationMs: record.durationMs })]);
    expect(app.count('call.stale')).toBe(1);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('cinnox_calls_stale_total 1');
    expect(metrics).toContain('cinnox_calls_completed_total 1');
  });

  test('answers 400 to a bad status or limit on GET /calls', async ({ subscribedApp }) => {
    const app = await subscribedApp();
    expect((await app.get('/calls?status=done')).status).toBe(400);
    expect((await app.get('/calls?limit=0')).status).toBe(400);
    expect((await app.get('/calls?limit=lots')).status).toBe(400);
  });
});
