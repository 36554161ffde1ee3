import { describe, expect } from 'vitest';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { cinnoxEnv, test } from './support/e2e.fixture.js';

describe('the sample with settling and a lossy simulator', () => {
  test("GET /calls/:id shows what CINNOX's reports say once the call is settled", async ({ simulator, startSample }) => {
    const sample = await startSample({ ...cinnoxEnv(simulator), CINNOX_SETTLE_DELAY_MS: '100' });
    await sample.subscribe();
    const { callId } = await simulator.placeCall({ caller: { number: 85291234000 } });
    await simulator.endCall(callId, undefined, { status: 'Not Answered', byeReason: 'No answer', releaseParty: 'Callee' });

    // Polls for the settled record itself: before the call is stored, GET /calls/:id answers 404 (no cinnox field either).
    await expect.poll(async () => typeof (await sample.get(`/calls/${callId}`)).body.settledAt, { timeout: 5000 }).toBe('string');

    const { body } = await sample.get(`/calls/${callId}`);
    const log = simulator.callLogRecords()[0]!;
    expect(body).toMatchObject({
      id: callId,
      status: 'ended',
      source: 'webhook',
      settledAt: expect.any(String),
      cinnox: {
        status: 'Not Answered',
        durationSec: log.callDuration,
        direction: 'Inbound',
        byeReason: 'No answer',
        releaseParty: 'Callee',
        mediaType: 'audio',
        inquiryId: log.inquiryID,
        caseNumber: log.displayCaseNumber,
      },
    });
  });

  test('the embedded simulator loses CINNOX_SIMULATOR_DROP_RATE of the notifications; its reports keep every call', async ({
    startSample,
  }) => {
    const sample = await startSample({ CINNOX_DEMO_INTERVAL_MS: '50', CINNOX_HOOKS: 'call', CINNOX_SIMULATOR_DROP_RATE: '1' });
    const embedded = sample.app.get(CinnoxSimulator);

    await expect.poll(() => embedded.callLogRecords().length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);

    const notifications = embedded.deliveries.filter((delivery) => !('challenge' in (delivery.body as object)));
    expect(notifications.length).toBeGreaterThanOrEqual(4);
    expect(notifications.every((delivery) => delivery.dropped === true)).toBe(true);
    expect((await sample.get('/calls')).body).toEqual([]);
  });
});
