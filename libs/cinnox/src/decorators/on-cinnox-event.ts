import { OnEvent } from '@nestjs/event-emitter';
import type { CinnoxEventName } from '../domain/cinnox-event.js';
import type { CinnoxListenerDecorator } from './cinnox-listener.decorator.js';

type OnEventOptions = NonNullable<Parameters<typeof OnEvent>[1]>;

/**
 * Options of a listener decorator, passed through to `@OnEvent` (`async`, `nextTick`, `prependListener`, ...).
 * Named here because @nestjs/event-emitter 3 (NestJS 11) does not export `OnEventOptions`: exported, so the
 * declarations refer to this name instead of inlining 12's.
 * @publicApi
 */
export type CinnoxListenerOptions =
  | (Omit<OnEventOptions, 'suppressErrors'> & {
      /**
       * Ignored: the library's decorators always hand a listener's failure to the library, which logs it
       * (warn, with the event id) and counts it (`cinnox_listener_failures_total`); in queue mode it fails
       * the job, which is retried and then dead-lettered. Accepted so existing code keeps compiling.
       * @deprecated has no effect on the library's decorators.
       */
      suppressErrors?: boolean;
    })
  | undefined;

/**
 * What the decorators hand to `@OnEvent`: the host's options, with failures always reaching the library.
 * `suppressErrors: false`, or @nestjs/event-emitter would log and swallow the failure (its default) and the
 * publisher, seeing none, could neither count it nor fail a queue job. `promisify` with `async`/`nextTick`,
 * or EventEmitter2 would run the listener detached and drop its promise: a failure would be an unhandled
 * rejection, fatal in Node. Only the library emits these events, one listener at a time, catching each.
 */
export const listenerOptions = (options: CinnoxListenerOptions): OnEventOptions => ({
  ...options,
  suppressErrors: false,
  ...(options?.async || options?.nextTick ? { promisify: true } : {}),
});

/** A listener decorator for one library event and its payload type: `@OnEvent(event, options)`, failures surfaced. */
export const onCinnoxEvent =
  <Event>(event: CinnoxEventName) =>
  (options?: CinnoxListenerOptions): CinnoxListenerDecorator<Event> =>
    OnEvent(event, listenerOptions(options));
