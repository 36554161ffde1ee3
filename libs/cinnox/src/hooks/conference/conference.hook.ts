import { cinnoxEventId } from '../../domain/cinnox-event-id.js';
import { hookFieldMissing } from '../../cinnox.messages.js';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { ConferenceEndedEvent } from './conference-ended.event.js';
import { ConferenceOtherEvent } from './conference-other.event.js';
import { toText } from '../shared/to-text.js';
import { CinnoxConferenceWebhookDto } from './conference-webhook.dto.js';
import { defineHook } from '../shared/define-hook.js';
import { isHookHandshake } from '../shared/is-hook-handshake.js';

const HOOK = 'conference';
const ENDED = 'conference_end';

/**
 * The conference call subscription (path assumed `conference-event-sub`, see `subscription.paths`): a
 * conference ended. Documented wrapped in `message`; `message.id` and `message.status` are required. A
 * conference ends once, so its id and status tell a redelivery.
 */
export const CONFERENCE_HOOK = defineHook<CinnoxConferenceWebhookDto>({
  name: HOOK,
  dto: CinnoxConferenceWebhookDto,
  isHandshake: isHookHandshake([]),
  validateMissingIds(dto) {
    if (!dto.message?.id) return hookFieldMissing(HOOK, 'message.id');
    if (!dto.message.status) return hookFieldMissing(HOOK, 'message.status');
    return undefined;
  },
  dedupeKey: ({ message }) => cinnoxEventId(HOOK, message!.id!, message!.status!),
  toEvents(dto, receivedAt, eventId) {
    const message = dto.message!;
    const fields = { eventId, conferenceId: message.id!, serviceId: toText(message.serviceId), receivedAt, raw: message };
    if (message.status === ENDED) return [{ name: CinnoxEvent.ConferenceEnded, payload: new ConferenceEndedEvent(fields) }];
    return [{ name: CinnoxEvent.ConferenceOther, payload: new ConferenceOtherEvent({ ...fields, status: message.status! }) }];
  },
});
