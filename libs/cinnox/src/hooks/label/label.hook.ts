import { CinnoxEvent } from '../../domain/cinnox-event.js';
import type { CinnoxLabelWebhookDto } from './label-webhook.dto.js';
import type { CinnoxHookDefinition } from '../../domain/cinnox-hook-definition.interface.js';
import { defineLabelHook } from './define-label-hook.js';

/** `label-event-sub`: payload undocumented, emitted as received (`label.received`). */
export const LABEL_HOOK: CinnoxHookDefinition<CinnoxLabelWebhookDto> = defineLabelHook('label', CinnoxEvent.Label);
