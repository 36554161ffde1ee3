import { cinnoxEventId } from '../../domain/cinnox-event-id.js';
import { hookFieldMissing } from '../../cinnox.messages.js';
import type { CinnoxEventName } from '../../domain/cinnox-event.js';
import { ContactEvent, type CinnoxContactChange } from './contact.event.js';
import { toText } from '../shared/to-text.js';
import { CinnoxContactWebhookDto } from './contact-webhook.dto.js';
import type { CinnoxHookDefinition } from '../../domain/cinnox-hook-definition.interface.js';
import { defineHook } from '../shared/define-hook.js';
import { contentDigest } from '../shared/content-digest.js';
import { isHookHandshake } from '../shared/is-hook-handshake.js';

/** What one contact status means: the change and the event it is emitted as. */
export interface CinnoxContactStatus {
  readonly change: CinnoxContactChange;
  readonly event: CinnoxEventName;
}

/**
 * The staff- and external-contact hooks share one shape, wrapped in `message` as documented; `message.id`
 * and `message.status` are required. A create or delete happens once per contact, so id and status tell a
 * redelivery; edits (and unknown statuses, such as a merge) carry no version or time, so their key adds a
 * digest of the message: a second edit is emitted, an identical copy is not.
 */
export function defineContactHook(
  hook: 'staff-contact' | 'external-contact',
  statuses: ReadonlyMap<string, CinnoxContactStatus>,
  otherEvent: CinnoxEventName,
): CinnoxHookDefinition<CinnoxContactWebhookDto> {
  return defineHook<CinnoxContactWebhookDto>({
    name: hook,
    dto: CinnoxContactWebhookDto,
    isHandshake: isHookHandshake([]),
    validateMissingIds(dto) {
      if (!dto.message?.id) return hookFieldMissing(hook, 'message.id');
      if (!dto.message.status) return hookFieldMissing(hook, 'message.status');
      return undefined;
    },
    dedupeKey({ message }) {
      const key = cinnoxEventId(hook, message!.id!, message!.status!);
      const change = statuses.get(message!.status!)?.change;
      return change === 'create' || change === 'delete' ? key : `${key}:${contentDigest(message)}`;
    },
    toEvents(dto, receivedAt, eventId) {
      const message = dto.message!;
      const known = statuses.get(message.status!);
      const payload = new ContactEvent({
        eventId,
        hook,
        contactId: message.id!,
        status: message.status!,
        change: known?.change ?? null,
        fullName: toText(message.fullName),
        serviceId: toText(message.serviceId),
        receivedAt,
        raw: message,
      });
      return [{ name: known?.event ?? otherEvent, payload }];
    },
  });
}
