import { CinnoxEvent } from '../events/cinnox-event.js';
import type { CinnoxContactWebhookDto } from '../webhook/dto/cinnox-contact-webhook.dto.js';
import type { CinnoxHookDefinition } from './cinnox-hook-definition.interface.js';
import { defineContactHook, type CinnoxContactStatus } from './define-contact-hook.js';

/** `staff-contact-event-sub`: a staff member was created, edited or deleted (`staffCreate` / `staffEdit` / `staffDelete`). */
export const STAFF_CONTACT_HOOK: CinnoxHookDefinition<CinnoxContactWebhookDto> = defineContactHook(
  'staff-contact',
  new Map<string, CinnoxContactStatus>([
    ['staffCreate', { change: 'create', event: CinnoxEvent.StaffContactCreate }],
    ['staffEdit', { change: 'edit', event: CinnoxEvent.StaffContactEdit }],
    ['staffDelete', { change: 'delete', event: CinnoxEvent.StaffContactDelete }],
  ]),
  CinnoxEvent.StaffContactOther,
);
