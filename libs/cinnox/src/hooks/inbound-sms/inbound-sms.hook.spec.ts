import { describe, expect, it } from 'vitest';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { InboundSmsEvent } from './inbound-sms.event.js';
import { inboundSmsNotification } from './inbound-sms.fixtures.js';
import { INBOUND_SMS_HOOK } from './inbound-sms.hook.js';
import { toHookDto, toValidHookDto } from '../../webhook/to-hook-dto.js';

const receivedAt = new Date('2026-01-02T03:04:05.000Z');
const parse = (body: object) => toValidHookDto(INBOUND_SMS_HOOK, body);

describe('inbound-sms hook', () => {
  it.each(['flat', 'message'] as const)('maps the %s envelope to one inbound-sms.received, numbers as strings', (envelope) => {
    const dto = parse(
      inboundSmsNotification({
        id: 'sms-1',
        senderNumber: 85291234567,
        recipientNumber: ' +85298765432 ',
        receiveTime: '2026-01-02T03:00:00Z',
        content: 'hi',
        envelope,
      }),
    );
    expect(INBOUND_SMS_HOOK.isHandshake(dto)).toBe(false);
    expect(INBOUND_SMS_HOOK.validateMissingIds(dto)).toBeUndefined();
    const events = INBOUND_SMS_HOOK.toEvents(dto, receivedAt);
    expect(events.map((event) => event.name)).toEqual([CinnoxEvent.InboundSmsReceived]);
    expect(events[0]!.payload).toBeInstanceOf(InboundSmsEvent);
    expect(events[0]!.payload).toMatchObject({
      eventId: 'inbound-sms:sms-1:received',
      smsId: 'sms-1',
      senderNumber: '85291234567',
      recipientNumber: '+85298765432',
      receiveTime: new Date('2026-01-02T03:00:00.000Z'),
      contentType: 'Text',
      content: 'hi',
      description: 'Inbound SMS',
      receivedAt,
    });
  });

  it('gives absent fields as null, an absent text as empty', () => {
    const event = INBOUND_SMS_HOOK.toEvents(parse({ id: 'sms-2' }), receivedAt)[0]!.payload;
    expect(event).toMatchObject({
      senderNumber: null,
      recipientNumber: null,
      receiveTime: null,
      contentType: null,
      content: '',
      description: null,
    });
  });

  it('takes a flat SMS carrying a challenge for a notification, a bare challenge for the handshake', () => {
    expect(INBOUND_SMS_HOOK.isHandshake(parse(inboundSmsNotification({ challenge: 'abc' })))).toBe(false);
    expect(INBOUND_SMS_HOOK.isHandshake(parse({ challenge: 'abc' }))).toBe(true);
  });

  it('refuses an SMS without id', () => {
    expect(INBOUND_SMS_HOOK.validateMissingIds(parse({ content: 'hi', challenge: 'abc' }))).toMatch(
      /id must be a non-empty string in every inbound-sms notification/,
    );
    expect(INBOUND_SMS_HOOK.validateMissingIds(parse({ message: { content: 'hi' } }))).toMatch(/message\.id must/);
  });

  it('keys a redelivery alike in either envelope, another SMS apart', () => {
    const key = INBOUND_SMS_HOOK.dedupeKey(parse(inboundSmsNotification({ id: 'sms-1' })));
    expect(INBOUND_SMS_HOOK.dedupeKey(parse(inboundSmsNotification({ id: 'sms-1', envelope: 'message' })))).toBe(key);
    expect(INBOUND_SMS_HOOK.dedupeKey(parse(inboundSmsNotification({ id: 'sms-2' })))).not.toBe(key);
  });

  it('rejects a phone number that is neither text nor an exact whole number', () => {
    expect(toHookDto(INBOUND_SMS_HOOK, { id: 's', senderNumber: 1.5 }).errors[0]!.property).toBe('senderNumber');
    expect(toHookDto(INBOUND_SMS_HOOK, { id: 's', recipientNumber: { n: 1 } }).errors[0]!.property).toBe('recipientNumber');
  });
});
