import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { onCinnoxEvent } from '../../decorators/on-cinnox-event.js';
import type { InboundSmsEvent } from './inbound-sms.event.js';

/**
 * Listens to `inbound-sms.received`; the method receives an `InboundSmsEvent`.
 * @param options passed through to `@OnEvent` (`async`, `prependListener`, ...); a failure always reaches the library (`suppressErrors` is ignored, see `CinnoxListenerOptions`).
 * @publicApi
 */
export const OnInboundSms = onCinnoxEvent<InboundSmsEvent>(CinnoxEvent.InboundSmsReceived);
