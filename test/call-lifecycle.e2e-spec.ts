import { afterEach, describe, expect, it } from 'vitest';
import { callStartNotification, type CinnoxSimulator } from 'nestjs-cinnox/testing';
import { cinnoxEnv, startApp, startSimulator, type E2eApp } from './support/start-app.js';

// One call from subscription to end, through the sample app and a simulated CINNOX over real sockets.

describe('notifications through the sample app', () => {
  let simulator: CinnoxSimulator | undefined;
  let sample: E2eApp | undefined;
  afterEach(async () => {
    await sample?.close();
    await simulator?.stop();
    sample = simulator = undefined;
  });

  async function subscribedApp(): Promise<E2eApp> {
    simulator = await startSimulator();
    sample = await startApp(cinnoxEnv(simulator));
    await sample.subscribe();
    return sample;
  }

  it('treats a notification that also carries a challenge as a notification, echoing the challenge', async () => {
    const app = await subscribedApp();
    const body = { ...callStartNotification({ id: 'with-challenge' }), challenge: 'echo-me' };

    const delivery = await simulator!.deliver(body);

    expect(delivery).toMatchObject({ status: 200, response: { code: 0, result: { challenge: 'echo-me' } } });
    expect(app.count('call.start')).toBe(1);
    expect((await app.get('/calls/with-challenge')).body).toMatchObject({ status: 'active' });
  });

  it('turns a single-object callees into a one-element array', async () => {
    const app = await subscribedApp();

    const call = await simulator!.placeCall({ caller: { number: '+85211112222' }, callees: { eid: 'staff-9', number: 85291234567 } });

    expect(call.status).toBe(200);
    expect(app.events.map((event) => event.name)).toEqual(['call.start']);
    expect(app.events[0]!.payload.callees).toEqual([{ eid: 'staff-9', number: '85291234567' }]);
    expect((await app.get(`/calls/${call.callId}`)).body).toMatchObject({
      caller: { number: '+85211112222' },
      callees: [{ eid: 'staff-9', number: '85291234567' }],
    });
  });
});
