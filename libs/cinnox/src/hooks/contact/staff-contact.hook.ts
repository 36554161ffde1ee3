import { CinnoxEvent } from '../../domain/cinnox-event.js';
import type { CinnoxContactWebhookDto } from './contact-webhook.dto.js';
import type { CinnoxHookDefinition } from '../../domain/cinnox-hook-definition.interface.js';
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
