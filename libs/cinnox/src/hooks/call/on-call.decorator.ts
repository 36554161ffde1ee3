import type { CallCompletedEvent } from './call-completed.event.js';
import type { CallEndEvent } from './call-end.event.js';
import type { CallOtherEvent } from './call-other.event.js';
import type { CallStaleEvent } from './call-stale.event.js';
import type { CallStartEvent } from './call-start.event.js';
import type { CallSettledEvent } from './call-settled.event.js';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { onCinnoxEvent } from '../../decorators/on-cinnox-event.js';

/**
 * Listens to `call.start`; the method receives a `CallStartEvent`.
 * @param options passed through to `@OnEvent` (`async`, `prependListener`, ...); a failure always reaches the library (`suppressErrors` is ignored, see `CinnoxListenerOptions`).
 * @publicApi
 */
export const OnCallStart = onCinnoxEvent<CallStartEvent>(CinnoxEvent.CallStart);

/**
 * Listens to `call.end`; the method receives a `CallEndEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnCallEnd = onCinnoxEvent<CallEndEvent>(CinnoxEvent.CallEnd);

/**
 * Listens to `call.other`; the method receives a `CallOtherEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnCallOther = onCinnoxEvent<CallOtherEvent>(CinnoxEvent.CallOther);

/**
 * Listens to `call.completed` (call tracker on); the method receives a `CallCompletedEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnCallCompleted = onCinnoxEvent<CallCompletedEvent>(CinnoxEvent.CallCompleted);

/**
 * Listens to `call.stale` (call tracker on); the method receives a `CallStaleEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnCallStale = onCinnoxEvent<CallStaleEvent>(CinnoxEvent.CallStale);

/**
 * Listens to `call.settled` (`calls.settle` on); the method receives a `CallSettledEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnCallSettled = onCinnoxEvent<CallSettledEvent>(CinnoxEvent.CallSettled);
