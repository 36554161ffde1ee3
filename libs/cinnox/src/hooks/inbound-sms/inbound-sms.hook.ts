import { cinnoxEventId } from '../../domain/cinnox-event-id.js';
import { hookFieldMissing } from '../../cinnox.messages.js';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { InboundSmsEvent } from './inbound-sms.event.js';
import { toDate } from '../shared/to-date.js';
import { toPhoneNumber } from '../shared/to-phone-number.js';
import { toText } from '../shared/to-text.js';
import { CinnoxInboundSmsWebhookDto } from './inbound-sms-webhook.dto.js';
import { defineHook } from '../shared/define-hook.js';
import { isHookHandshake } from '../shared/is-hook-handshake.js';
import { notificationFields } from '../shared/notification-fields.js';

const HOOK = 'inbound-sms';

const FIELDS = ['id', 'eventDescription', 'senderNumber', 'recipientNumber', 'receiveTime', 'contentType', 'content'];

/**
 * `inbound-sms-event-sub`: an SMS was received. Fields flat (as documented) or in `message`; `id` is
 * required. An SMS is received once, so its id alone tells a redelivery.
 */
export const INBOUND_SMS_HOOK = defineHook<CinnoxInboundSmsWebhookDto>({
  name: HOOK,
  dto: CinnoxInboundSmsWebhookDto,
  isHandshake: isHookHandshake(FIELDS),
  validateMissingIds: (dto) => (notificationFields(dto).id ? undefined : hookFieldMissing(HOOK, dto.message ? 'message.id' : 'id')),
  dedupeKey: (dto) => cinnoxEventId(HOOK, notificationFields(dto).id!, 'received'),
  toEvents(dto, receivedAt, eventId) {
    const fields = notificationFields(dto);
    const payload = new InboundSmsEvent({
      eventId,
      smsId: fields.id!,
      senderNumber: toPhoneNumber(fields.senderNumber),
      recipientNumber: toPhoneNumber(fields.recipientNumber),
      receiveTime: toDate(fields.receiveTime),
      contentType: toText(fields.contentType),
      content: fields.content ?? '',
      description: toText(fields.eventDescription),
      receivedAt,
      raw: fields,
    });
    return [{ name: CinnoxEvent.InboundSmsReceived, payload }];
  },
});
