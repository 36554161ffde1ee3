import { OnEvent } from '@nestjs/event-emitter';
import type { CinnoxEventName } from '../events/cinnox-event.js';
import type { CinnoxListenerDecorator } from './cinnox-listener.decorator.js';

/**
 * Options of a listener decorator, passed through to `@OnEvent` (`async`, `suppressErrors`, ...). Named here
 * because @nestjs/event-emitter 3 (NestJS 11) does not export `OnEventOptions`: exported, so the declarations
 * refer to this name instead of inlining 12's.
 * @publicApi
 */
export type CinnoxListenerOptions = Parameters<typeof OnEvent>[1];

// Listener errors are logged and swallowed by @nestjs/event-emitter unless `suppressErrors: false`
// is passed; the webhook's answer never depends on them either way.

/** A listener decorator for one library event and its payload type: `@OnEvent(event, options)`, options passed through. */
export const onCinnoxEvent =
  <Event>(event: CinnoxEventName) =>
  (options?: CinnoxListenerOptions): CinnoxListenerDecorator<Event> =>
    OnEvent(event, options);
