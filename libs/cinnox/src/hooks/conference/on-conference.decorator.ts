import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { onCinnoxEvent } from '../../decorators/on-cinnox-event.js';
import type { ConferenceEndedEvent } from './conference-ended.event.js';
import type { ConferenceOtherEvent } from './conference-other.event.js';

/**
 * Listens to `conference.ended`; the method receives a `ConferenceEndedEvent`.
 * @param options passed through to `@OnEvent` (`async`, `prependListener`, ...); a failure always reaches the library (`suppressErrors` is ignored, see `CinnoxListenerOptions`).
 * @publicApi
 */
export const OnConferenceEnded = onCinnoxEvent<ConferenceEndedEvent>(CinnoxEvent.ConferenceEnded);

/**
 * Listens to `conference.other` (a status this version does not know); the method receives a `ConferenceOtherEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnConferenceOther = onCinnoxEvent<ConferenceOtherEvent>(CinnoxEvent.ConferenceOther);
