import { describe, expect, it } from 'vitest';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { OutboundSmsEvent } from './outbound-sms.event.js';
import { outboundSmsNotification } from './outbound-sms.fixtures.js';
import { OUTBOUND_SMS_HOOK } from './outbound-sms.hook.js';
import { toHookDto, toValidHookDto } from '../../webhook/to-hook-dto.js';

const receivedAt = new Date('2026-01-02T03:04:05.000Z');
const parse = (body: object) => toValidHookDto(OUTBOUND_SMS_HOOK, body);

describe('outbound-sms hook', () => {
  it.each(['flat', 'message'] as const)('maps the %s envelope of a PascalCase report to camelCase', (envelope) => {
    const dto = parse(outboundSmsNotification({ transactionId: 't-1', status: 'Rejected', recipientNumber: 584121234567, envelope }));
    expect(OUTBOUND_SMS_HOOK.isHandshake(dto)).toBe(false);
    expect(OUTBOUND_SMS_HOOK.validateMissingIds(dto)).toBeUndefined();
    const events = OUTBOUND_SMS_HOOK.toEvents(dto, receivedAt);
    expect(events.map((event) => event.name)).toEqual([CinnoxEvent.OutboundSmsRejected]);
    expect(events[0]!.payload).toBeInstanceOf(OutboundSmsEvent);
    expect({ ...events[0]!.payload }).toEqual({
      eventId: 'outbound-sms:t-1:Rejected',
      smsId: 't-1',
      status: 'Rejected',
      appId: 'app-demo',
      serviceId: 'service-demo',
      recipientNumber: '584121234567',
      recipientCountry: 'VE',
      responseCode: '400',
      exception: 'sms send failed',
      recordType: 'tdr',
      receivedAt,
      raw: expect.objectContaining({ TransactionID: 't-1', Status: 'Rejected' }),
    });
  });

  it.each([
    ['Submitted', CinnoxEvent.OutboundSmsSubmitted],
    ['Delivered', CinnoxEvent.OutboundSmsDelivered],
    ['Undelivered', CinnoxEvent.OutboundSmsUndelivered],
    ['Timeout', CinnoxEvent.OutboundSmsOther],
  ])('emits status %s as %s', (status, name) => {
    const [event] = OUTBOUND_SMS_HOOK.toEvents(parse(outboundSmsNotification({ status })), receivedAt);
    expect(event!.name).toBe(name);
    expect((event!.payload as OutboundSmsEvent).status).toBe(status);
  });

  it('gives a blank ResponseCode and Exception as null, a numeric code as text', () => {
    const ok = OUTBOUND_SMS_HOOK.toEvents(parse(outboundSmsNotification({ status: 'Delivered' })), receivedAt)[0]!.payload;
    expect(ok).toMatchObject({ responseCode: null, exception: null });
    const numeric = OUTBOUND_SMS_HOOK.toEvents(
      parse({ TransactionID: 't', Status: 'Rejected', ResponseCode: 400, Exception: ' ' }),
      receivedAt,
    );
    expect(numeric[0]!.payload).toMatchObject({ responseCode: '400', exception: null });
  });

  it('takes a flat report carrying a challenge for a notification, a bare challenge for the handshake', () => {
    expect(OUTBOUND_SMS_HOOK.isHandshake(parse(outboundSmsNotification({ challenge: 'abc' })))).toBe(false);
    expect(OUTBOUND_SMS_HOOK.isHandshake(parse({ challenge: 'abc' }))).toBe(true);
  });

  it('refuses a report without TransactionID or Status', () => {
    expect(OUTBOUND_SMS_HOOK.validateMissingIds(parse({ Status: 'Submitted' }))).toMatch(
      /TransactionID must be a non-empty string in every outbound-sms notification/,
    );
    expect(OUTBOUND_SMS_HOOK.validateMissingIds(parse({ message: { Status: 'Submitted' } }))).toMatch(/message\.TransactionID/);
    expect(OUTBOUND_SMS_HOOK.validateMissingIds(parse({ TransactionID: 't' }))).toMatch(/Status must be/);
  });

  it('keys a redelivery alike in either envelope, a new status apart', () => {
    const key = OUTBOUND_SMS_HOOK.dedupeKey(parse(outboundSmsNotification({ transactionId: 't-1' })));
    expect(OUTBOUND_SMS_HOOK.dedupeKey(parse(outboundSmsNotification({ transactionId: 't-1', envelope: 'message', challenge: 'x' })))).toBe(
      key,
    );
    expect(OUTBOUND_SMS_HOOK.dedupeKey(parse(outboundSmsNotification({ transactionId: 't-1', status: 'Delivered' })))).not.toBe(key);
  });

  it('rejects wrong types', () => {
    expect(toHookDto(OUTBOUND_SMS_HOOK, { TransactionID: 't', Status: 'Submitted', ResponseCode: true }).errors[0]!.property).toBe(
      'ResponseCode',
    );
    expect(toHookDto(OUTBOUND_SMS_HOOK, { TransactionID: 't', Status: 7 }).errors[0]!.property).toBe('Status');
  });
});
