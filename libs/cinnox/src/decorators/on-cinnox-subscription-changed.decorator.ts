import { CinnoxEvent } from '../domain/cinnox-event.js';
import type { CinnoxSubscriptionChangedEvent } from '../domain/cinnox-subscription-changed.event.js';
import type { CinnoxListenerDecorator } from './cinnox-listener.decorator.js';
import { onCinnoxEvent } from './on-cinnox-event.js';

/** A method decorator that accepts only methods taking a `CinnoxSubscriptionChangedEvent` (or nothing). */
export type CinnoxSubscriptionListenerDecorator = CinnoxListenerDecorator<CinnoxSubscriptionChangedEvent>;

/**
 * Listens to `cinnox.subscription`; the method receives a `CinnoxSubscriptionChangedEvent` (a method
 * taking another type does not compile).
 * @param options passed through to `@OnEvent` (`async`, `prependListener`, ...); a failure always reaches the library (`suppressErrors` is ignored, see `CinnoxListenerOptions`).
 * @publicApi
 */
export const OnCinnoxSubscriptionChanged = onCinnoxEvent<CinnoxSubscriptionChangedEvent>(CinnoxEvent.SubscriptionChanged);
