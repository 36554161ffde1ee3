import { CINNOX_CALL_HOOK, CINNOX_DEFAULT_HOOK_PATHS } from '../cinnox.constants.js';
import { hookFieldMissing } from '../cinnox.messages.js';
import { CallEndEvent } from '../events/call-end.event.js';
import { CallOtherEvent } from '../events/call-other.event.js';
import { CallStartEvent } from '../events/call-start.event.js';
import { CinnoxEvent } from '../events/cinnox-event.js';
import { toCallParties, toCallParty } from '../events/to-call-party.js';
import { CinnoxWebhookDto } from '../webhook/dto/cinnox-webhook.dto.js';
import { isChallengeHandshake } from '../webhook/is-challenge-handshake.js';
import type { CinnoxHookDefinition } from './cinnox-hook-definition.interface.js';

/**
 * `call-event-sub`: CallStart / CallEnd, wrapped in `message` (the DTO requires its id, status and
 * serviceId). The dedupe key and the events' `eventId` are unchanged from the call-only versions.
 */
export const CALL_HOOK: CinnoxHookDefinition<CinnoxWebhookDto> = {
  name: CINNOX_CALL_HOOK,
  defaultRoute: CINNOX_DEFAULT_HOOK_PATHS[CINNOX_CALL_HOOK],
  dto: CinnoxWebhookDto,
  isHandshake: isChallengeHandshake,
  validateMissingIds: (dto) => (dto.message ? undefined : hookFieldMissing(CINNOX_CALL_HOOK, 'message')),
  dedupeKey: (dto) => `${CINNOX_CALL_HOOK}:${dto.message!.id}:${dto.message!.status}`,
  toEvents(dto, receivedAt) {
    const message = dto.message!;
    const { id, serviceId, status } = message;
    switch (status) {
      case 'CallStart': {
        const caller = message.caller ? toCallParty(message.caller) : null;
        const payload = new CallStartEvent(id, serviceId, caller, toCallParties(message.callees), receivedAt, message);
        return [{ name: CinnoxEvent.CallStart, payload }];
      }
      case 'CallEnd':
        return [{ name: CinnoxEvent.CallEnd, payload: new CallEndEvent(id, serviceId, receivedAt, message) }];
      default:
        return [{ name: CinnoxEvent.CallOther, payload: new CallOtherEvent(id, serviceId, status, receivedAt, message) }];
    }
  },
};
