/**
 * Names of the events the library emits through `@nestjs/event-emitter`.
 * @publicApi
 */
export const CinnoxEvent = {
  /** A call started; payload `CallStartEvent`. */
  CallStart: 'call.start',
  /** A call ended; payload `CallEndEvent`. */
  CallEnd: 'call.end',
  /** A call notification with a status this version does not know; payload `CallOtherEvent`. */
  CallOther: 'call.other',
  /** A call's end arrived and the call tracker paired it with its start; payload `CallCompletedEvent`. */
  CallCompleted: 'call.completed',
  /** A call started and did not end within `calls.maxCallDurationMs`; payload `CallStaleEvent`. */
  CallStale: 'call.stale',
} as const;

/** @publicApi */
export type CinnoxEventName = (typeof CinnoxEvent)[keyof typeof CinnoxEvent];
