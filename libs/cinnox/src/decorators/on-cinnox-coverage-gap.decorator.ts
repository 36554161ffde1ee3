import { CinnoxEvent } from '../domain/cinnox-event.js';
import type { CinnoxCoverageGapEvent } from '../domain/cinnox-coverage-gap.event.js';
import type { CinnoxListenerDecorator } from './cinnox-listener.decorator.js';
import { onCinnoxEvent } from './on-cinnox-event.js';

/** A method decorator that accepts only methods taking a `CinnoxCoverageGapEvent` (or nothing). */
export type CinnoxCoverageGapListenerDecorator = CinnoxListenerDecorator<CinnoxCoverageGapEvent>;

/**
 * Listens to `cinnox.coverage.gap`; the method receives a `CinnoxCoverageGapEvent` (a method taking another
 * type does not compile). Needs the `coverage` option.
 * @param options passed through to `@OnEvent` (`async`, `prependListener`, ...); a failure always reaches the library (`suppressErrors` is ignored, see `CinnoxListenerOptions`).
 * @publicApi
 */
export const OnCinnoxCoverageGap = onCinnoxEvent<CinnoxCoverageGapEvent>(CinnoxEvent.CoverageGap);
