import { CinnoxEvent } from '../events/cinnox-event.js';
import { onCinnoxEvent } from './on-cinnox-event.js';

/**
 * Listens to `inquiry.opened`; the method receives an `InquiryEvent`.
 * @param options passed through to `@OnEvent` (`async`, `suppressErrors`, ...).
 * @publicApi
 */
export const OnInquiryOpened = onCinnoxEvent(CinnoxEvent.InquiryOpened);

/**
 * Listens to `inquiry.handling`; the method receives an `InquiryEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnInquiryHandling = onCinnoxEvent(CinnoxEvent.InquiryHandling);

/**
 * Listens to `inquiry.closed`; the method receives an `InquiryEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnInquiryClosed = onCinnoxEvent(CinnoxEvent.InquiryClosed);

/**
 * Listens to `inquiry.missed`; the method receives an `InquiryEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnInquiryMissed = onCinnoxEvent(CinnoxEvent.InquiryMissed);

/**
 * Listens to `inquiry.other` (a status this version does not know); the method receives an `InquiryEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnInquiryOther = onCinnoxEvent(CinnoxEvent.InquiryOther);
