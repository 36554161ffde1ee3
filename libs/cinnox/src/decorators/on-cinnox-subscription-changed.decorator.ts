import { OnEvent, type OnEventOptions } from '@nestjs/event-emitter';
import { CinnoxEvent } from '../events/cinnox-event.js';
import type { CinnoxSubscriptionChangedEvent } from '../events/cinnox-subscription-changed.event.js';

/** A method decorator that accepts only methods taking a `CinnoxSubscriptionChangedEvent` (or nothing). */
export type CinnoxSubscriptionListenerDecorator = <Method extends (event: CinnoxSubscriptionChangedEvent) => unknown>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<Method>,
) => void;

/**
 * Listens to `cinnox.subscription`; the method receives a `CinnoxSubscriptionChangedEvent` (a method
 * taking another type does not compile).
 * @param options passed through to `@OnEvent` (`async`, `suppressErrors`, ...).
 * @publicApi
 */
export const OnCinnoxSubscriptionChanged = (options?: OnEventOptions): CinnoxSubscriptionListenerDecorator =>
  OnEvent(CinnoxEvent.SubscriptionChanged, options);
