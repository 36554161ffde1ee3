import { cinnoxEventId } from '../../domain/cinnox-event-id.js';
import type { CinnoxEventName } from '../../domain/cinnox-event.js';
import { LabelEvent } from './label.event.js';
import { CinnoxLabelWebhookDto } from './label-webhook.dto.js';
import type { CinnoxHookDefinition } from '../../domain/cinnox-hook-definition.interface.js';
import { defineHook } from '../shared/define-hook.js';
import { contentDigest } from '../shared/content-digest.js';

/**
 * The label and enquiry-label hooks: CINNOX documents no payload, so any JSON object is a notification,
 * never refused for its shape, except `{ challenge }` alone, the handshake. Without a documented id, a
 * redelivery is told by its content: a digest of the body with its keys sorted, leaving out `challenge`
 * (documented elsewhere as internal, and not known to stay the same across deliveries).
 */
export function defineLabelHook(hook: 'label' | 'inquiry-label', event: CinnoxEventName): CinnoxHookDefinition<CinnoxLabelWebhookDto> {
  return defineHook<CinnoxLabelWebhookDto>({
    name: hook,
    dto: CinnoxLabelWebhookDto,
    isHandshake: (dto) => typeof dto.challenge === 'string' && dto.challenge !== '' && hasOnlyChallenge(dto),
    validateMissingIds: () => undefined,
    dedupeKey(dto) {
      const { challenge: _challenge, ...content } = dto;
      return cinnoxEventId(hook, contentDigest(content), 'received');
    },
    toEvents: (dto, receivedAt, eventId) => [{ name: event, payload: new LabelEvent({ eventId, hook, receivedAt, raw: dto }) }],
  });
}

function hasOnlyChallenge(body: object): boolean {
  for (const key in body) {
    if (key !== 'challenge' && Object.hasOwn(body, key)) return false;
  }
  return true;
}
