import { CinnoxEvent } from '../../domain/cinnox-event.js';
import type { CinnoxLabelWebhookDto } from './label-webhook.dto.js';
import type { CinnoxHookDefinition } from '../../domain/cinnox-hook-definition.interface.js';
import { defineLabelHook } from './define-label-hook.js';

/** `inquiry-label-event-sub`: payload undocumented, emitted as received (`inquiry-label.received`). */
export const INQUIRY_LABEL_HOOK: CinnoxHookDefinition<CinnoxLabelWebhookDto> = defineLabelHook('inquiry-label', CinnoxEvent.InquiryLabel);
