import { CinnoxCallTracker, CinnoxEvent } from 'nestjs-cinnox';
import { callEndNotification, callStartNotification, recordingNotification } from 'nestjs-cinnox/testing';
import { describe, expect } from 'vitest';
import { test } from './support/e2e.fixture.js';

// Recordings meet calls: with the call tracker on, a call's record gains its recording's outcome whichever
// arrives first, over real HTTP from a simulated CINNOX to both hooks' routes.

describe('recordings joined to tracked calls', () => {
  test('a recording before the end and one after it both land on their call; nothing is emitted twice', async ({
    simulator,
    startHost,
  }) => {
    const host = await startHost({ calls: { track: true }, hooks: ['call', 'recording'] });
    const callUrl = `${host.url}/cinnox/webhooks/call-events`;
    const recordingUrl = `${host.url}/cinnox/webhooks/recording-events`;
    await host.subscriptions.subscribe(callUrl, 'call');
    await host.subscriptions.subscribe(recordingUrl, 'recording');
    const tracker = host.app.get(CinnoxCallTracker);

    // Before the end (even before the start): the outcome waits for the call and is kept.
    await simulator.deliver(recordingNotification({ id: 'rec-early', status: 'fail' }), { hook: 'recording' });
    await simulator.deliver(callStartNotification({ id: 'rec-early' }));
    await simulator.deliver(callEndNotification('rec-early'));
    expect(await tracker.get('rec-early')).toMatchObject({ status: 'ended', recordingStatus: 'fail' });

    // After the completion: the record is updated.
    await simulator.deliver(callStartNotification({ id: 'rec-late' }));
    await simulator.deliver(callEndNotification('rec-late'));
    expect((await tracker.get('rec-late'))?.recordingStatus).toBeNull();
    const late = recordingNotification({ id: 'rec-late' });
    await simulator.deliver(late, { hook: 'recording', times: 2 });
    expect(await tracker.get('rec-late')).toMatchObject({ status: 'ended', recordingStatus: 'success' });

    expect(host.count(CinnoxEvent.CallCompleted)).toBe(2);
    expect(host.count(CinnoxEvent.RecordingSuccess)).toBe(1);
    expect(host.count(CinnoxEvent.RecordingFail)).toBe(1);
    expect(simulator.deliveries.every((delivery) => delivery.status === 200)).toBe(true);
  });
});
