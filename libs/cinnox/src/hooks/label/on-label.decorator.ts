import { CinnoxEvent } from '../../domain/cinnox-event.js';
import type { LabelEvent } from './label.event.js';
import { onCinnoxEvent } from '../../decorators/on-cinnox-event.js';

/**
 * Listens to `label.received`; the method receives a `LabelEvent` (the undocumented body as received).
 * @param options passed through to `@OnEvent` (`async`, `prependListener`, ...); a failure always reaches the library (`suppressErrors` is ignored, see `CinnoxListenerOptions`).
 * @publicApi
 */
export const OnLabel = onCinnoxEvent<LabelEvent>(CinnoxEvent.Label);

/**
 * Listens to `inquiry-label.received`; the method receives a `LabelEvent` (the undocumented body as received).
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnInquiryLabel = onCinnoxEvent<LabelEvent>(CinnoxEvent.InquiryLabel);
