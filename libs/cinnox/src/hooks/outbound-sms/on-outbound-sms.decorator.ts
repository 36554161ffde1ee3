import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { onCinnoxEvent } from '../../decorators/on-cinnox-event.js';
import type { OutboundSmsEvent } from './outbound-sms.event.js';

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
