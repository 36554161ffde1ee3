import { CinnoxEvent } from '../../domain/cinnox-event.js';
import type { RecordingEvent } from './recording.event.js';
import { onCinnoxEvent } from '../../decorators/on-cinnox-event.js';

/**
 * Listens to `recording.success`; the method receives a `RecordingEvent` (`callId` or `conferenceId` set).
 * @param options passed through to `@OnEvent` (`async`, `prependListener`, ...); a failure always reaches the library (`suppressErrors` is ignored, see `CinnoxListenerOptions`).
 * @publicApi
 */
export const OnRecordingSuccess = onCinnoxEvent<RecordingEvent>(CinnoxEvent.RecordingSuccess);

/**
 * Listens to `recording.fail`; the method receives a `RecordingEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnRecordingFail = onCinnoxEvent<RecordingEvent>(CinnoxEvent.RecordingFail);

/**
 * Listens to `recording.other` (a status this version does not know); the method receives a `RecordingEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnRecordingOther = onCinnoxEvent<RecordingEvent>(CinnoxEvent.RecordingOther);
