import { CinnoxEvent } from '../events/cinnox-event.js';
import type { InboundSmsEvent } from '../events/inbound-sms.event.js';
import type { OutboundSmsEvent } from '../events/outbound-sms.event.js';
import { onCinnoxEvent } from './on-cinnox-event.js';

/**
 * Listens to `inbound-sms.received`; the method receives an `InboundSmsEvent`.
 * @param options passed through to `@OnEvent` (`async`, `prependListener`, ...); a failure always reaches the library (`suppressErrors` is ignored, see `CinnoxListenerOptions`).
 * @publicApi
 */
export const OnInboundSms = onCinnoxEvent<InboundSmsEvent>(CinnoxEvent.InboundSmsReceived);

/**
 * Listens to `outbound-sms.submitted`; the method receives an `OutboundSmsEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnOutboundSmsSubmitted = onCinnoxEvent<OutboundSmsEvent>(CinnoxEvent.OutboundSmsSubmitted);

/**
 * Listens to `outbound-sms.delivered`; the method receives an `OutboundSmsEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnOutboundSmsDelivered = onCinnoxEvent<OutboundSmsEvent>(CinnoxEvent.OutboundSmsDelivered);

/**
 * Listens to `outbound-sms.undelivered`; the method receives an `OutboundSmsEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnOutboundSmsUndelivered = onCinnoxEvent<OutboundSmsEvent>(CinnoxEvent.OutboundSmsUndelivered);

/**
 * Listens to `outbound-sms.rejected`; the method receives an `OutboundSmsEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnOutboundSmsRejected = onCinnoxEvent<OutboundSmsEvent>(CinnoxEvent.OutboundSmsRejected);

/**
 * Listens to `outbound-sms.other` (a status this version does not know); the method receives an `OutboundSmsEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnOutboundSmsOther = onCinnoxEvent<OutboundSmsEvent>(CinnoxEvent.OutboundSmsOther);
