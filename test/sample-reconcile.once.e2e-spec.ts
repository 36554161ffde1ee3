import { describe, expect } from 'vitest';
import type { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { adminRequest } from './support/admin-client.js';
import { cinnoxEnv, test } from './support/e2e.fixture.js';
import type { SampleHost } from './support/start-sample-host.js';

// Issue 22 §3, Done when: the sample on a simulator losing 30% of the call webhooks over 80 calls; one
// reconcile pass of that window leaves every placed call in GET /calls once, ended, its source telling
// which came from CINNOX's report; a second pass changes nothing.

const TOKEN = 'admin-token-0123456789';
const CALLS = 80;

/** Every call GET /calls lists, page after page. */
async function allCalls(sample: SampleHost): Promise<{ id: string; status: string; source: string }[]> {
  const calls = [];
  let cursor: string | null = null;
  do {
    const answer = await adminRequest(sample.url, `/calls?limit=100${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    expect(answer.status).toBe(200);
    calls.push(...answer.body);
    cursor = answer.nextCursor;
  } while (cursor !== null);
  return calls;
}

/** The calls whose CallEnd the simulator lost: only CINNOX's report can complete them. */
function endLost(simulator: CinnoxSimulator, callId: string): boolean {
  const end = simulator.deliveries.find((delivery) => {
    const message = (delivery.body as { message?: { id?: string; status?: string } }).message;
    return message?.id === callId && message.status === 'CallEnd';
  });
  return end?.dropped === true;
}

describe('the sample reconciling with CINNOX’s call log (POST /admin/reconcile)', () => {
  test('80 calls, 30% of their webhooks lost: one pass leaves each in GET /calls once, ended, the source saying which came from the report; a second changes nothing', async ({
    simulator,
    startSample,
  }) => {
    const sample = await startSample({ ...cinnoxEnv(simulator), ADMIN_TOKEN: TOKEN });
    await sample.subscribe();
    simulator.dropDeliveries(0.3, 22);
    const from = new Date(Date.now() - 1000);
    const ids: string[] = [];
    for (let i = 0; i < CALLS; i++) {
      const { callId } = await simulator.placeCall({ caller: { number: 85290000000 + i } });
      await simulator.endCall(callId);
      ids.push(callId);
    }
    const to = new Date(Date.now() + 1000);
    const notifications = simulator.deliveries.filter((delivery) => !('challenge' in (delivery.body as object)));
    const lost = notifications.filter((delivery) => delivery.dropped).length;
    // The seeded draw loses about 30% of the 160 notifications.
    expect(lost).toBeGreaterThan(30);
    expect(lost).toBeLessThan(70);
    const fromReport = ids.filter((id) => endLost(simulator, id));
    expect(fromReport.length).toBeGreaterThan(10);
    // Before the pass, the calls whose end was lost are missing or still active. The sample's store is
    // PostgreSQL, written just after each answer: the last end may still be on its way.
    await expect
      .poll(async () => (await allCalls(sample)).filter((call) => call.status === 'ended').length, { timeout: 5000 })
      .toBe(CALLS - fromReport.length);
    const before = await allCalls(sample);

    const pass = await adminRequest(sample.url, '/admin/reconcile', {
      token: TOKEN,
      method: 'POST',
      body: { from: from.toISOString(), to: to.toISOString() },
    });

    expect(pass.status).toBe(200);
    const activeBefore = before.filter((call) => call.status === 'active').length;
    expect(pass.body).toEqual({ checked: CALLS, added: fromReport.length - activeBefore, completed: activeBefore });
    const after = await allCalls(sample);
    expect(after.map((call) => call.id).sort()).toEqual([...ids].sort());
    for (const call of after) {
      expect(call.status).toBe('ended');
      expect(call.source).toBe(fromReport.includes(call.id) ? 'report' : 'webhook');
    }
    expect(sample.count('call.completed')).toBe(CALLS);

    const again = await adminRequest(sample.url, '/admin/reconcile', {
      token: TOKEN,
      method: 'POST',
      body: { from: from.toISOString(), to: to.toISOString() },
    });

    expect(again.body).toEqual({ checked: CALLS, added: 0, completed: 0 });
    expect(await allCalls(sample)).toEqual(after);
    expect(sample.count('call.completed')).toBe(CALLS);
  });

  test('a bad window is a 400 naming the field; no token is a 401', async ({ simulator, startSample }) => {
    const sample = await startSample({ ...cinnoxEnv(simulator), ADMIN_TOKEN: TOKEN });
    const post = (body: unknown) => adminRequest(sample.url, '/admin/reconcile', { token: TOKEN, method: 'POST', body });
    const window = { from: '2026-01-01T00:00:00Z', to: '2026-01-01T01:00:00Z' };

    expect((await adminRequest(sample.url, '/admin/reconcile', { method: 'POST', body: window })).status).toBe(401);
    expect(await post(window)).toMatchObject({ status: 200, body: { checked: 0, added: 0, completed: 0 } });
    const missing = await post({ from: '2026-01-01T00:00:00Z' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('to');
    const backwards = await post({ from: '2026-01-01T01:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('window.to');
    expect((await post({ from: 'yesterday', to: '2026-01-01T00:00:00Z' })).status).toBe(400);
  });

  test('CINNOX refusing the report read is a 502 saying so, not a 500', async ({ simulator, startSample }) => {
    const sample = await startSample({ ...cinnoxEnv(simulator), ADMIN_TOKEN: TOKEN });
    await sample.subscribe();
    simulator.failNext({ status: 401, body: { code: 401, message: 'invalid token' } });
    const window = { from: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() };

    const answer = await adminRequest(sample.url, '/admin/reconcile', { token: TOKEN, method: 'POST', body: window });

    expect(answer.status).toBe(502);
    expect(answer.body.message).toMatch(/^CINNOX's reports could not be read: .*401/);
  });
});
