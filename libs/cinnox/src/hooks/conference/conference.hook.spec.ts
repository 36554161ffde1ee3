import { describe, expect, it } from 'vitest';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { ConferenceEndedEvent } from './conference-ended.event.js';
import { ConferenceOtherEvent } from './conference-other.event.js';
import { conferenceNotification } from './conference.fixtures.js';
import { CONFERENCE_HOOK } from './conference.hook.js';
import { toHookDto, toValidHookDto } from '../../webhook/to-hook-dto.js';

const receivedAt = new Date('2026-01-02T03:04:05.000Z');
const parse = (body: object) => toValidHookDto(CONFERENCE_HOOK, body);

describe('conference hook', () => {
  it('maps a documented conference_end to one conference.ended carrying the conference id', () => {
    const dto = parse(conferenceNotification({ id: 'conf-1', serviceId: 's1' }));
    expect(CONFERENCE_HOOK.isHandshake(dto)).toBe(false);
    expect(CONFERENCE_HOOK.validateMissingIds(dto)).toBeUndefined();
    const events = CONFERENCE_HOOK.toEvents(dto, receivedAt);
    expect(events.map((event) => event.name)).toEqual([CinnoxEvent.ConferenceEnded]);
    expect(events[0]!.payload).toBeInstanceOf(ConferenceEndedEvent);
    expect({ ...events[0]!.payload }).toEqual({
      eventId: 'conference:conf-1:conference_end',
      conferenceId: 'conf-1',
      serviceId: 's1',
      receivedAt,
      raw: { status: 'conference_end', serviceId: 's1', id: 'conf-1' },
    });
  });

  it('keeps undocumented fields in raw and gives an absent service id as null', () => {
    const [event] = CONFERENCE_HOOK.toEvents(
      parse({ message: { id: 'conf-2', status: 'conference_end', type: 'conference', x: 1 } }),
      receivedAt,
    );
    expect(event!.payload).toMatchObject({ conferenceId: 'conf-2', serviceId: null, raw: { type: 'conference', x: 1 } });
  });

  it('surfaces an unknown status as conference.other with the status as sent', () => {
    const [event] = CONFERENCE_HOOK.toEvents(parse(conferenceNotification({ id: 'conf-3', status: 'conference_start' })), receivedAt);
    expect(event!.name).toBe(CinnoxEvent.ConferenceOther);
    expect(event!.payload).toBeInstanceOf(ConferenceOtherEvent);
    expect(event!.payload).toMatchObject({
      conferenceId: 'conf-3',
      status: 'conference_start',
      eventId: 'conference:conf-3:conference_start',
    });
  });

  it('tells the handshake from a notification that carries a challenge', () => {
    expect(CONFERENCE_HOOK.isHandshake(parse({ challenge: 'abc' }))).toBe(true);
    expect(CONFERENCE_HOOK.isHandshake(parse(conferenceNotification({ challenge: 'abc' })))).toBe(false);
    expect(CONFERENCE_HOOK.isHandshake(parse({ challenge: '' }))).toBe(false);
  });

  it('refuses a notification without message.id or message.status, naming the field', () => {
    expect(CONFERENCE_HOOK.validateMissingIds(parse({ type: 'message', message: { status: 'conference_end' } }))).toMatch(
      /message\.id must be a non-empty string in every conference notification/,
    );
    expect(CONFERENCE_HOOK.validateMissingIds(parse({ message: { id: 'conf-1' } }))).toMatch(/message\.status/);
    expect(CONFERENCE_HOOK.validateMissingIds(parse({}))).toMatch(/message\.id/);
  });

  it('keys redeliveries alike, even with another internal challenge, and another conference apart', () => {
    const key = CONFERENCE_HOOK.dedupeKey(parse(conferenceNotification({ id: 'conf-1' })));
    expect(CONFERENCE_HOOK.dedupeKey(parse(conferenceNotification({ id: 'conf-1' })))).toBe(key);
    expect(CONFERENCE_HOOK.dedupeKey(parse(conferenceNotification({ id: 'conf-2' })))).not.toBe(key);
  });

  it('rejects wrong types with the path of the field', () => {
    expect(toHookDto(CONFERENCE_HOOK, { message: { id: 5, status: 'conference_end' } }).errors[0]!.children![0]!.property).toBe('id');
    expect(toHookDto(CONFERENCE_HOOK, { message: 'nope' }).errors[0]!.constraints).toEqual({ isObject: 'message must be an object' });
  });
});
