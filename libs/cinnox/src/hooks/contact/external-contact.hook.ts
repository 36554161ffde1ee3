import { CinnoxEvent } from '../../domain/cinnox-event.js';
import type { CinnoxContactWebhookDto } from './contact-webhook.dto.js';
import type { CinnoxHookDefinition } from '../../domain/cinnox-hook-definition.interface.js';
import { defineContactHook, type CinnoxContactStatus } from './define-contact-hook.js';

/**
 * `external-contact-event-sub`: an external contact was created, edited or deleted (`create` / `edit` /
 * `delete`). The pages say a merge fires it too but name no status: it comes as `external-contact.other`.
 */
export const EXTERNAL_CONTACT_HOOK: CinnoxHookDefinition<CinnoxContactWebhookDto> = defineContactHook(
  'external-contact',
  new Map<string, CinnoxContactStatus>([
    ['create', { change: 'create', event: CinnoxEvent.ExternalContactCreate }],
    ['edit', { change: 'edit', event: CinnoxEvent.ExternalContactEdit }],
    ['delete', { change: 'delete', event: CinnoxEvent.ExternalContactDelete }],
  ]),
  CinnoxEvent.ExternalContactOther,
);
