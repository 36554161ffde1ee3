import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import { CALL_HOOK } from './call/call.hook.js';
import { CONFERENCE_HOOK } from './conference/conference.hook.js';
import type { CinnoxHookDefinition } from '../domain/cinnox-hook-definition.interface.js';
import { EXTERNAL_CONTACT_HOOK } from './contact/external-contact.hook.js';
import { INBOUND_SMS_HOOK } from './inbound-sms/inbound-sms.hook.js';
import { INQUIRY_LABEL_HOOK } from './label/inquiry-label.hook.js';
import { INQUIRY_HOOK } from './inquiry/inquiry.hook.js';
import { LABEL_HOOK } from './label/label.hook.js';
import { OUTBOUND_SMS_HOOK } from './outbound-sms/outbound-sms.hook.js';
import { RECORDING_HOOK } from './recording/recording.hook.js';
import { STAFF_CONTACT_HOOK } from './contact/staff-contact.hook.js';

// Each definition is typed by its own DTO; the registry forgets it, and the webhook pairs every body with
// the definition whose `dto` validated it.
const erase = <T extends object>(definition: CinnoxHookDefinition<T>): CinnoxHookDefinition =>
  definition as unknown as CinnoxHookDefinition;

/** Every hook's definition, by CINNOX's hook name: what the webhook routes, validates, dedupes and emits. */
export const CINNOX_HOOK_DEFINITIONS: Readonly<Record<CinnoxHookName, CinnoxHookDefinition>> = Object.freeze({
  call: erase(CALL_HOOK),
  recording: erase(RECORDING_HOOK),
  inquiry: erase(INQUIRY_HOOK),
  'inbound-sms': erase(INBOUND_SMS_HOOK),
  'outbound-sms': erase(OUTBOUND_SMS_HOOK),
  'staff-contact': erase(STAFF_CONTACT_HOOK),
  'external-contact': erase(EXTERNAL_CONTACT_HOOK),
  label: erase(LABEL_HOOK),
  'inquiry-label': erase(INQUIRY_LABEL_HOOK),
  conference: erase(CONFERENCE_HOOK),
});
