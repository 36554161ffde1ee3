import { describe, expect, it } from 'vitest';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { InquiryEvent } from './inquiry.event.js';
import { inquiryNotification } from './inquiry.fixtures.js';
import { INQUIRY_HOOK } from './inquiry.hook.js';
import { toHookDto, toValidHookDto } from '../../webhook/to-hook-dto.js';

const receivedAt = new Date('2026-01-02T03:04:05.000Z');
const parse = (body: object) => toValidHookDto(INQUIRY_HOOK, body);
const fixture = {
  eid: 'e-1',
  status: 'Opened',
  date: '2026-01-02T03:00:00.000+08:00',
  displayCaseNumber: '42',
  channel: 'CINNOX',
  channelOri: 'LINE',
};

describe('inquiry hook', () => {
  it.each(['flat', 'message'] as const)('maps the %s envelope to one inquiry.opened with the date parsed', (envelope) => {
    const dto = parse(inquiryNotification({ ...fixture, envelope }));
    expect(INQUIRY_HOOK.isHandshake(dto)).toBe(false);
    expect(INQUIRY_HOOK.validateMissingIds(dto)).toBeUndefined();
    const events = INQUIRY_HOOK.toEvents(dto, receivedAt);
    expect(events).toHaveLength(1);
    expect(events[0]!.name).toBe(CinnoxEvent.InquiryOpened);
    const event = events[0]!.payload as InquiryEvent;
    expect(event).toBeInstanceOf(InquiryEvent);
    expect(event).toMatchObject({
      eventId: 'inquiry:e-1:Opened:2026-01-02T03:00:00.000+08:00:group-sales',
      inquiryId: 'e-1',
      caseNumber: '42',
      status: 'Opened',
      serviceId: 'service-demo',
      channel: 'CINNOX',
      channelOrigin: 'LINE',
      socialId: null,
      destination: 'group-sales',
      destinationTypes: [],
      receivedAt,
    });
    expect(event.date).toEqual(new Date('2026-01-01T19:00:00.000Z'));
    expect(event.raw.eid).toBe('e-1');
  });

  it.each([
    ['Handling', CinnoxEvent.InquiryHandling],
    ['Closed', CinnoxEvent.InquiryClosed],
    ['Missed', CinnoxEvent.InquiryMissed],
    ['Ongoing', CinnoxEvent.InquiryOther],
    ['opened', CinnoxEvent.InquiryOther],
  ])('emits status %s as %s', (status, name) => {
    const [event] = INQUIRY_HOOK.toEvents(parse(inquiryNotification({ status })), receivedAt);
    expect(event!.name).toBe(name);
    expect((event!.payload as InquiryEvent).status).toBe(status);
  });

  it('gives a bad date as null and keeps its text in raw; destinationTypes always as a list', () => {
    const dto = parse(inquiryNotification({ date: 'yesterday', destinationTypes: 'IVR' }));
    const event = INQUIRY_HOOK.toEvents(dto, receivedAt)[0]!.payload as InquiryEvent;
    expect(event.date).toBeNull();
    expect(event.raw.date).toBe('yesterday');
    expect(event.destinationTypes).toEqual(['IVR']);
    const list = INQUIRY_HOOK.toEvents(parse(inquiryNotification({ destinationTypes: ['IVR', 'CHATBOT'] })), receivedAt)[0]!.payload;
    expect((list as InquiryEvent).destinationTypes).toEqual(['IVR', 'CHATBOT']);
  });

  it('takes a flat notification carrying a challenge for a notification, and only a bare challenge for the handshake', () => {
    expect(INQUIRY_HOOK.isHandshake(parse(inquiryNotification({ challenge: 'abc' })))).toBe(false);
    expect(INQUIRY_HOOK.isHandshake(parse(inquiryNotification({ envelope: 'message', challenge: 'abc' })))).toBe(false);
    expect(INQUIRY_HOOK.isHandshake(parse({ challenge: 'abc' }))).toBe(true);
    expect(INQUIRY_HOOK.isHandshake(parse({ challenge: 'abc', type: 'message' }))).toBe(true);
  });

  it('refuses a notification without eid or status, naming the field where it was looked for', () => {
    expect(INQUIRY_HOOK.validateMissingIds(parse({ status: 'Opened' }))).toMatch(
      /eid must be a non-empty string in every inquiry notification/,
    );
    expect(INQUIRY_HOOK.validateMissingIds(parse({ type: 'message', message: { status: 'Opened' } }))).toMatch(/message\.eid/);
    expect(INQUIRY_HOOK.validateMissingIds(parse({ eid: 'e-1' }))).toMatch(/status must be/);
  });

  it('keys a redelivery alike in either envelope, and a new status or a second handling apart', () => {
    const key = INQUIRY_HOOK.dedupeKey(parse(inquiryNotification({ ...fixture, status: 'Handling' })));
    expect(INQUIRY_HOOK.dedupeKey(parse(inquiryNotification({ ...fixture, status: 'Handling', envelope: 'message' })))).toBe(key);
    expect(INQUIRY_HOOK.dedupeKey(parse(inquiryNotification({ ...fixture, status: 'Closed' })))).not.toBe(key);
    expect(INQUIRY_HOOK.dedupeKey(parse(inquiryNotification({ ...fixture, status: 'Handling', date: '2026-01-02T04:00:00Z' })))).not.toBe(
      key,
    );
    expect(INQUIRY_HOOK.dedupeKey(parse(inquiryNotification({ ...fixture, status: 'Handling', destination: 'group-2' })))).not.toBe(key);
  });

  it('rejects wrong types', () => {
    expect(toHookDto(INQUIRY_HOOK, { eid: 1, status: 'Opened' }).errors[0]!.property).toBe('eid');
    expect(toHookDto(INQUIRY_HOOK, { eid: 'e', status: 'Opened', destinationTypes: [1] }).errors[0]!.constraints).toEqual({
      isString: 'destinationTypes must be a string or an array of strings',
    });
  });
});
