import { OnEvent } from '@nestjs/event-emitter';
import { CinnoxEvent } from '../events/cinnox-event.js';

// @nestjs/event-emitter 3 (NestJS 11) does not export OnEventOptions; this names the same type in 3 and 12.
type OnEventOptions = Parameters<typeof OnEvent>[1];

// Listener errors are logged and swallowed by @nestjs/event-emitter unless `suppressErrors: false`
// is passed; the webhook's answer never depends on them either way.

/**
 * Listens to `call.start`; the method receives a `CallStartEvent`.
 * @param options passed through to `@OnEvent` (`async`, `suppressErrors`, ...).
 * @publicApi
 */
export const OnCallStart = (options?: OnEventOptions): MethodDecorator => OnEvent(CinnoxEvent.CallStart, options);

/**
 * Listens to `call.end`; the method receives a `CallEndEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnCallEnd = (options?: OnEventOptions): MethodDecorator => OnEvent(CinnoxEvent.CallEnd, options);

/**
 * Listens to `call.other`; the method receives a `CallOtherEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnCallOther = (options?: OnEventOptions): MethodDecorator => OnEvent(CinnoxEvent.CallOther, options);

/**
 * Listens to `call.completed` (call tracker on); the method receives a `CallCompletedEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnCallCompleted = (options?: OnEventOptions): MethodDecorator => OnEvent(CinnoxEvent.CallCompleted, options);

/**
 * Listens to `call.stale` (call tracker on); the method receives a `CallStaleEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnCallStale = (options?: OnEventOptions): MethodDecorator => OnEvent(CinnoxEvent.CallStale, options);
