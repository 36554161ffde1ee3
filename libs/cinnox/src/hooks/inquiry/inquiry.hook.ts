import { cinnoxEventId } from '../../domain/cinnox-event-id.js';
import { hookFieldMissing } from '../../cinnox.messages.js';
import { CinnoxEvent, type CinnoxEventName } from '../../domain/cinnox-event.js';
import { InquiryEvent } from './inquiry.event.js';
import { toDate } from '../shared/to-date.js';
import { toText } from '../shared/to-text.js';
import { CinnoxInquiryWebhookDto } from './inquiry-webhook.dto.js';
import { defineHook } from '../shared/define-hook.js';
import { isHookHandshake } from '../shared/is-hook-handshake.js';
import { notificationFields } from '../shared/notification-fields.js';

const HOOK = 'inquiry';

const EVENTS: ReadonlyMap<string, CinnoxEventName> = new Map([
  ['Opened', CinnoxEvent.InquiryOpened],
  ['Handling', CinnoxEvent.InquiryHandling],
  ['Closed', CinnoxEvent.InquiryClosed],
  ['Missed', CinnoxEvent.InquiryMissed],
]);

// `type` is left out: it is the envelope's word ("message") as much as the enquiry's ("inquiry").
const FIELDS = [
  'status',
  'serviceId',
  'displayCaseNumber',
  'eid',
  'channel',
  'channelOri',
  'socialId',
  'date',
  'destination',
  'destinationTypes',
];

/**
 * `inquiry-event-sub`: an enquiry was opened, handled, closed or missed. Fields flat (as documented) or in
 * `message`; `eid` and `status` are required. The key holds the status, date and destination, so a
 * second handling (after a transfer) is not taken for a redelivery.
 */
export const INQUIRY_HOOK = defineHook<CinnoxInquiryWebhookDto>({
  name: HOOK,
  dto: CinnoxInquiryWebhookDto,
  isHandshake: isHookHandshake(FIELDS),
  validateMissingIds(dto) {
    const fields = notificationFields(dto);
    if (!fields.eid) return hookFieldMissing(HOOK, dto.message ? 'message.eid' : 'eid');
    if (!fields.status) return hookFieldMissing(HOOK, dto.message ? 'message.status' : 'status');
    return undefined;
  },
  dedupeKey(dto) {
    const { eid, status, date, destination } = notificationFields(dto);
    return cinnoxEventId(HOOK, eid!, status!, date ?? '', destination ?? '');
  },
  toEvents(dto, receivedAt, eventId) {
    const fields = notificationFields(dto);
    const status = fields.status!;
    const payload = new InquiryEvent({
      eventId,
      inquiryId: fields.eid!,
      caseNumber: toText(fields.displayCaseNumber),
      status,
      serviceId: toText(fields.serviceId),
      channel: toText(fields.channel),
      channelOrigin: toText(fields.channelOri),
      socialId: toText(fields.socialId),
      date: toDate(fields.date),
      destination: toText(fields.destination),
      destinationTypes: toList(fields.destinationTypes),
      receivedAt,
      raw: fields,
    });
    return [{ name: EVENTS.get(status) ?? CinnoxEvent.InquiryOther, payload }];
  },
});

const NONE: readonly string[] = Object.freeze([]);

function toList(value: string | string[] | null | undefined): readonly string[] {
  if (value === undefined || value === null || value === '') return NONE;
  return Array.isArray(value) ? value : [value];
}
