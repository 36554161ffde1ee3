import { CallCompletedEvent, CallStaleEvent, CinnoxEvent, RecordingEvent } from 'nestjs-cinnox';
import { describe, expect, it } from 'vitest';
import { toBoardMessage } from './to-board-message.js';

const at = new Date('2026-01-02T03:04:05.000Z');
const parsed = (name: string, payload: unknown) => {
  const message = toBoardMessage(name, payload);
  return message && { type: message.type, data: JSON.parse(message.data as string) as unknown };
};
const recording = (fields: Partial<RecordingEvent>) =>
  new RecordingEvent({
    eventId: 'recording:r1:success',
    id: 'r1',
    recordingOf: 'call',
    callId: 'r1',
    conferenceId: null,
    status: 'success',
    outcome: 'success',
    serviceId: 'service-demo',
    receivedAt: at,
    raw: {},
    ...fields,
  });

describe('toBoardMessage', () => {
  it('an end without its start gives the end alone: the parties and start it does not know stay as the page has them', () => {
    const completed = new CallCompletedEvent({
      eventId: 'call:c1:completed',
      callId: 'c1',
      serviceId: 'service-demo',
      caller: null,
      callees: [],
      startedAt: null,
      endedAt: at,
      durationMs: null,
      source: 'webhook',
    });
    expect(parsed(CinnoxEvent.CallCompleted, completed)).toEqual({
      type: 'call',
      data: { id: 'c1', status: 'ended', serviceId: 'service-demo', endedAt: at.toISOString(), durationMs: null },
    });
  });

  it('a stale call changes its status only', () => {
    const stale = new CallStaleEvent({
      eventId: 'call:c2:stale',
      callId: 'c2',
      serviceId: 'service-demo',
      caller: { number: '+85230001000' },
      callees: [],
      startedAt: at,
      staleAt: at,
    });
    expect(parsed(CinnoxEvent.CallStale, stale)).toEqual({ type: 'call', data: { id: 'c2', status: 'stale' } });
  });

  it("a call's recording joins the call; a conference's, or an outcome this version does not know, goes to the feed", () => {
    expect(parsed(CinnoxEvent.RecordingSuccess, recording({}))).toEqual({ type: 'call', data: { id: 'r1', recordingStatus: 'success' } });
    const conference = recording({ recordingOf: 'conference', callId: null, conferenceId: 'r1' });
    expect(parsed(CinnoxEvent.RecordingSuccess, conference)).toMatchObject({
      type: 'hook-event',
      data: { event: 'recording.success', hook: 'recording', summary: 'conference r1 (status success)' },
    });
    expect(parsed(CinnoxEvent.RecordingOther, recording({ status: 'partial', outcome: null }))).toMatchObject({
      type: 'hook-event',
      data: { event: 'recording.other', hook: 'recording' },
    });
  });

  it("takes CINNOX's settled fields from a call.settled event, by name, when the library emits one", () => {
    const settled = { callId: 'c3', cinnox: { status: 'Call Ended', durationSec: 12 } };
    expect(parsed('call.settled', settled)).toEqual({
      type: 'call',
      data: { id: 'c3', cinnox: { status: 'Call Ended', durationSec: 12 } },
    });
  });

  it('shows nothing of the lifecycle or of events it does not know', () => {
    expect(toBoardMessage(CinnoxEvent.SubscriptionChanged, {})).toBeUndefined();
    // A coverage gap comes from no hook: the board shows gaps from its status message, not as a feed event.
    expect(toBoardMessage(CinnoxEvent.CoverageGap, { hook: 'call', reason: 'no-replica' })).toBeUndefined();
    expect(toBoardMessage('something.else', {})).toBeUndefined();
  });
});
