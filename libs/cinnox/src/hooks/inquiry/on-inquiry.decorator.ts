import { CinnoxEvent } from '../../domain/cinnox-event.js';
import type { InquiryEvent } from './inquiry.event.js';
import { onCinnoxEvent } from '../../decorators/on-cinnox-event.js';

/**
 * Listens to `inquiry.opened`; the method receives an `InquiryEvent`.
 * @param options passed through to `@OnEvent` (`async`, `prependListener`, ...); a failure always reaches the library (`suppressErrors` is ignored, see `CinnoxListenerOptions`).
 * @publicApi
 */
export const OnInquiryOpened = onCinnoxEvent<InquiryEvent>(CinnoxEvent.InquiryOpened);

/**
 * Listens to `inquiry.handling`; the method receives an `InquiryEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnInquiryHandling = onCinnoxEvent<InquiryEvent>(CinnoxEvent.InquiryHandling);

/**
 * Listens to `inquiry.closed`; the method receives an `InquiryEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnInquiryClosed = onCinnoxEvent<InquiryEvent>(CinnoxEvent.InquiryClosed);

/**
 * Listens to `inquiry.missed`; the method receives an `InquiryEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnInquiryMissed = onCinnoxEvent<InquiryEvent>(CinnoxEvent.InquiryMissed);

/**
 * Listens to `inquiry.other` (a status this version does not know); the method receives an `InquiryEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnInquiryOther = onCinnoxEvent<InquiryEvent>(CinnoxEvent.InquiryOther);
