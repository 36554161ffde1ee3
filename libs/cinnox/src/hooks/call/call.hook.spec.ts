// The call DTO's decorators need the metadata polyfill that Nest loads in an app.
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { CallEndEvent } from './call-end.event.js';
import { CallOtherEvent } from './call-other.event.js';
import { CallStartEvent } from './call-start.event.js';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { callEndNotification, callStartNotification } from './call.fixtures.js';
import { CALL_HOOK } from './call.hook.js';
import { toHookDto, toValidHookDto } from '../../webhook/to-hook-dto.js';

const receivedAt = new Date('2026-01-02T03:04:05.000Z');
const parse = (body: object) => toValidHookDto(CALL_HOOK, body);

describe('call hook', () => {
  it('maps CallStart as the publisher does: parties normalized, one call.start', () => {
    const dto = parse(callStartNotification({ id: 'c1', caller: { eid: 's', number: 85230001000 }, callees: { number: ' +852 ' } }));
    expect(CALL_HOOK.isHandshake(dto)).toBe(false);
    expect(CALL_HOOK.validateMissingIds(dto)).toBeUndefined();
    expect(CALL_HOOK.dedupeKey(dto)).toBe('call:c1:CallStart');
    const events = CALL_HOOK.toEvents(dto, receivedAt);
    expect(events.map((event) => event.name)).toEqual([CinnoxEvent.CallStart]);
    const start = events[0]!.payload as CallStartEvent;
    expect(start).toBeInstanceOf(CallStartEvent);
    expect(start).toMatchObject({ callId: 'c1', caller: { eid: 's', number: '85230001000' }, callees: [{ number: '+852' }], receivedAt });
  });

  it('maps CallEnd to call.end and an unknown status to call.other', () => {
    const [end] = CALL_HOOK.toEvents(parse(callEndNotification('c1')), receivedAt);
    expect(end!.name).toBe(CinnoxEvent.CallEnd);
    expect(end!.payload).toBeInstanceOf(CallEndEvent);
    const [other] = CALL_HOOK.toEvents(parse({ message: { id: 'c1', status: 'CallHold', serviceId: 's' } }), receivedAt);
    expect(other!.name).toBe(CinnoxEvent.CallOther);
    expect(other!.payload).toBeInstanceOf(CallOtherEvent);
  });

  it("keeps today's handshake rule: a challenge and no message", () => {
    expect(CALL_HOOK.isHandshake(parse({ challenge: 'abc' }))).toBe(true);
    expect(CALL_HOOK.isHandshake(parse({ ...callEndNotification('c1'), challenge: 'abc' }))).toBe(false);
  });

  it('keys a redelivery alike and a new status apart', () => {
    expect(CALL_HOOK.dedupeKey(parse(callEndNotification('c1')))).toBe(CALL_HOOK.dedupeKey(parse(callEndNotification('c1'))));
    expect(CALL_HOOK.dedupeKey(parse(callEndNotification('c1')))).not.toBe(CALL_HOOK.dedupeKey(parse(callStartNotification({ id: 'c1' }))));
  });

  it('leaves missing ids to the DTO, which refuses them', () => {
    expect(toHookDto(CALL_HOOK, { message: { status: 'CallEnd', serviceId: 's' } }).errors).not.toEqual([]);
    expect(toHookDto(CALL_HOOK, {}).errors[0]!.property).toBe('challenge');
  });
});
