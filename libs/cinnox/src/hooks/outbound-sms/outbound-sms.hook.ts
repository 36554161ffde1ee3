import { cinnoxEventId } from '../../domain/cinnox-event-id.js';
import { hookFieldMissing } from '../../cinnox.messages.js';
import { CinnoxEvent, type CinnoxEventName } from '../../domain/cinnox-event.js';
import { OutboundSmsEvent } from './outbound-sms.event.js';
import { toPhoneNumber } from '../shared/to-phone-number.js';
import { toText } from '../shared/to-text.js';
import { CinnoxOutboundSmsWebhookDto } from './outbound-sms-webhook.dto.js';
import { defineHook } from '../shared/define-hook.js';
import { isHookHandshake } from '../shared/is-hook-handshake.js';
import { notificationFields } from '../shared/notification-fields.js';

const HOOK = 'outbound-sms';

const EVENTS: ReadonlyMap<string, CinnoxEventName> = new Map([
  ['Submitted', CinnoxEvent.OutboundSmsSubmitted],
  ['Delivered', CinnoxEvent.OutboundSmsDelivered],
  ['Undelivered', CinnoxEvent.OutboundSmsUndelivered],
  ['Rejected', CinnoxEvent.OutboundSmsRejected],
]);

const FIELDS = [
  'Type',
  'AppID',
  'ServiceID',
  'TransactionID',
  'RecipientNumber',
  'RecipientCountry',
  'ResponseCode',
  'Status',
  'Exception',
];

/**
 * `outbound-sms-event-sub`: a report on an SMS the app sent. PascalCase fields, flat (as documented) or in
 * `message`; `TransactionID` and `Status` are required. An SMS passes each status once, so id and status
 * tell a redelivery.
 */
export const OUTBOUND_SMS_HOOK = defineHook<CinnoxOutboundSmsWebhookDto>({
  name: HOOK,
  dto: CinnoxOutboundSmsWebhookDto,
  isHandshake: isHookHandshake(FIELDS),
  validateMissingIds(dto) {
    const fields = notificationFields(dto);
    const prefix = dto.message ? 'message.' : '';
    if (!fields.TransactionID) return hookFieldMissing(HOOK, `${prefix}TransactionID`);
    if (!fields.Status) return hookFieldMissing(HOOK, `${prefix}Status`);
    return undefined;
  },
  dedupeKey(dto) {
    const { TransactionID, Status } = notificationFields(dto);
    return cinnoxEventId(HOOK, TransactionID!, Status!);
  },
  toEvents(dto, receivedAt, eventId) {
    const fields = notificationFields(dto);
    const status = fields.Status!;
    const payload = new OutboundSmsEvent({
      eventId,
      smsId: fields.TransactionID!,
      status,
      appId: toText(fields.AppID),
      serviceId: toText(fields.ServiceID),
      recipientNumber: toPhoneNumber(fields.RecipientNumber),
      recipientCountry: toText(fields.RecipientCountry),
      responseCode: toText(typeof fields.ResponseCode === 'string' ? fields.ResponseCode.trim() : fields.ResponseCode),
      exception: toText(fields.Exception?.trim()),
      recordType: toText(fields.Type),
      receivedAt,
      raw: fields,
    });
    return [{ name: EVENTS.get(status) ?? CinnoxEvent.OutboundSmsOther, payload }];
  },
});
