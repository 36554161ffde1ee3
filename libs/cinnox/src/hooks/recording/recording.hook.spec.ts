import { describe, expect, it } from 'vitest';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { RecordingEvent } from './recording.event.js';
import { recordingNotification } from './recording.fixtures.js';
import { RECORDING_HOOK } from './recording.hook.js';
import { toHookDto, toValidHookDto } from '../../webhook/to-hook-dto.js';

const receivedAt = new Date('2026-01-02T03:04:05.000Z');
const parse = (body: object) => toValidHookDto(RECORDING_HOOK, body);

describe('recording hook', () => {
  it('maps a documented call recording to one recording.success carrying the call id and outcome', () => {
    const body = recordingNotification({ id: 'call-1', status: 'success', serviceId: 's1' });
    const dto = parse(body);
    expect(RECORDING_HOOK.isHandshake(dto)).toBe(false);
    expect(RECORDING_HOOK.validateMissingIds(dto)).toBeUndefined();
    const events = RECORDING_HOOK.toEvents(dto, receivedAt);
    expect(events).toHaveLength(1);
    expect(events[0]!.name).toBe(CinnoxEvent.RecordingSuccess);
    expect(events[0]!.payload).toBeInstanceOf(RecordingEvent);
    expect({ ...events[0]!.payload }).toEqual({
      eventId: 'recording:call-1:success:call',
      id: 'call-1',
      recordingOf: 'call',
      callId: 'call-1',
      conferenceId: null,
      status: 'success',
      outcome: 'success',
      serviceId: 's1',
      receivedAt,
      raw: { type: 'call', status: 'success', serviceId: 's1', id: 'call-1' },
    });
  });

  it('maps a failed conference recording to recording.fail with the conference id and no call id', () => {
    const [event] = RECORDING_HOOK.toEvents(
      parse(recordingNotification({ id: 'conf-9', recordingOf: 'conference', status: 'fail' })),
      receivedAt,
    );
    expect(event!.name).toBe(CinnoxEvent.RecordingFail);
    expect(event!.payload).toMatchObject({ callId: null, conferenceId: 'conf-9', outcome: 'fail' });
  });

  it('surfaces an unknown status as recording.other with no outcome, and an unknown kind with neither id', () => {
    const [event] = RECORDING_HOOK.toEvents(
      parse(recordingNotification({ id: 'x', recordingOf: 'meeting', status: 'partial' })),
      receivedAt,
    );
    expect(event!.name).toBe(CinnoxEvent.RecordingOther);
    expect(event!.payload).toMatchObject({ status: 'partial', outcome: null, recordingOf: 'meeting', callId: null, conferenceId: null });
  });

  it('tells the handshake from a notification that carries a challenge', () => {
    expect(RECORDING_HOOK.isHandshake(parse({ challenge: 'abc' }))).toBe(true);
    expect(RECORDING_HOOK.isHandshake(parse(recordingNotification({ challenge: 'abc' })))).toBe(false);
    expect(RECORDING_HOOK.isHandshake(parse({ challenge: '' }))).toBe(false);
  });

  it('refuses a notification without message.id or message.status, naming the field', () => {
    expect(RECORDING_HOOK.validateMissingIds(parse({ type: 'message', challenge: 'c', message: { status: 'success' } }))).toMatch(
      /message\.id must be a non-empty string in every recording notification/,
    );
    expect(RECORDING_HOOK.validateMissingIds(parse({ message: { id: 'call-1', status: '' } }))).toMatch(/message\.status/);
    expect(RECORDING_HOOK.validateMissingIds(parse({}))).toMatch(/message\.id/);
    expect(RECORDING_HOOK.validateMissingIds(parse({ challenge: '' }))).toMatch(/message\.id/);
  });

  it('keys redeliveries alike, even with another internal challenge, and a new status apart', () => {
    const first = RECORDING_HOOK.dedupeKey(parse(recordingNotification({ id: 'call-1', status: 'fail' })));
    expect(RECORDING_HOOK.dedupeKey(parse(recordingNotification({ id: 'call-1', status: 'fail' })))).toBe(first);
    expect(RECORDING_HOOK.dedupeKey(parse(recordingNotification({ id: 'call-1', status: 'success' })))).not.toBe(first);
    expect(RECORDING_HOOK.dedupeKey(parse(recordingNotification({ id: 'call-1', status: 'fail', recordingOf: 'conference' })))).not.toBe(
      first,
    );
  });

  it('rejects wrong types with the path of the field', () => {
    expect(toHookDto(RECORDING_HOOK, { message: { id: 5, status: 'success' } }).errors[0]!.children![0]!.property).toBe('id');
    expect(toHookDto(RECORDING_HOOK, { message: 'nope' }).errors[0]!.constraints).toEqual({ isObject: 'message must be an object' });
  });

  it('uses the eventId it is given rather than computing the key again', () => {
    const [event] = RECORDING_HOOK.toEvents(parse(recordingNotification()), receivedAt, 'given');
    expect((event!.payload as RecordingEvent).eventId).toBe('given');
  });
});
