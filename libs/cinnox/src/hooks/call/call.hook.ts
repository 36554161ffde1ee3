import { CINNOX_CALL_HOOK } from '../../domain/cinnox-hook-name.js';
import { hookFieldMissing } from '../../cinnox.messages.js';
import { CallEndEvent } from './call-end.event.js';
import { CallOtherEvent } from './call-other.event.js';
import { CallStartEvent } from './call-start.event.js';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { toCallParties, toCallParty } from './to-call-party.js';
import { CinnoxWebhookDto } from './call-webhook.dto.js';
import { isChallengeHandshake } from '../shared/is-challenge-handshake.js';
import { cinnoxEventId } from '../../domain/cinnox-event-id.js';
import { defineHook } from '../shared/define-hook.js';

/**
 * `call-event-sub`: CallStart / CallEnd, wrapped in `message` (the DTO requires its id, status and
 * serviceId).
 */
export const CALL_HOOK = defineHook<CinnoxWebhookDto>({
  name: CINNOX_CALL_HOOK,
  dto: CinnoxWebhookDto,
  isHandshake: isChallengeHandshake,
  validateMissingIds: (dto) => (dto.message ? undefined : hookFieldMissing(CINNOX_CALL_HOOK, 'message')),
  dedupeKey: (dto) => cinnoxEventId(CINNOX_CALL_HOOK, dto.message!.id, dto.message!.status),
  toEvents(dto, receivedAt, eventId) {
    const message = dto.message!;
    const { id, serviceId, status } = message;
    switch (status) {
      case 'CallStart': {
        const caller = message.caller ? toCallParty(message.caller) : null;
        const payload = new CallStartEvent({
          eventId,
          callId: id,
          serviceId,
          caller,
          callees: toCallParties(message.callees),
          receivedAt,
          raw: message,
        });
        return [{ name: CinnoxEvent.CallStart, payload }];
      }
      case 'CallEnd':
        return [{ name: CinnoxEvent.CallEnd, payload: new CallEndEvent({ eventId, callId: id, serviceId, receivedAt, raw: message }) }];
      default:
        return [
          {
            name: CinnoxEvent.CallOther,
            payload: new CallOtherEvent({ eventId, callId: id, serviceId, status, receivedAt, raw: message }),
          },
        ];
    }
  },
});
