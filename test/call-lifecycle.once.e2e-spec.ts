import { describe, expect } from 'vitest';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { cinnoxEnv, test } from './support/e2e.fixture.js';

// One call from subscription to end, through the sample app and a simulated CINNOX over real sockets.

describe('notifications through the sample app', () => {
  test('treats a notification that also carries a challenge as a notification, echoing the challenge', async ({
    simulator,
    startSample,
  }) => {
    const app = await startSample(cinnoxEnv(simulator));
    await app.subscribe();
    const body = { ...callStartNotification({ id: 'with-challenge' }), challenge: 'echo-me' };

    const delivery = await simulator.deliver(body);

    expect(delivery).toMatchObject({ status: 200, response: { code: 0, result: { challenge: 'echo-me' } } });
    expect(app.count('call.start')).toBe(1);
    // The sample's call store is PostgreSQL: the start's write lands just after the answer.
    await expect.poll(async () => (await app.get('/calls/with-challenge')).body).toMatchObject({ status: 'active' });
  });

  test('turns a single-object callees into a one-element array', async ({ simulator, startSample }) => {
    const app = await startSample(cinnoxEnv(simulator));
    await app.subscribe();

    const call = await simulator.placeCall({ caller: { number: '+85211112222' }, callees: { eid: 'staff-9', number: 85291234567 } });

    expect(call.status).toBe(200);
    expect(app.events.map((event) => event.name)).toEqual(['call.start']);
    expect(app.events[0]!.payload.callees).toEqual([{ eid: 'staff-9', number: '85291234567' }]);
    await expect
      .poll(async () => (await app.get(`/calls/${call.callId}`)).body)
      .toMatchObject({
        caller: { number: '+85211112222' },
        callees: [{ eid: 'staff-9', number: '85291234567' }],
      });
  });
});
