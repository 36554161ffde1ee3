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
  /** A hook's subscription changed state (subscribing, active, retrying, failed, off); payload `CinnoxSubscriptionChangedEvent`. */
  SubscriptionChanged: 'cinnox.subscription',
} as const;

/** @publicApi */
export type CinnoxEventName = (typeof CinnoxEvent)[keyof typeof CinnoxEvent];
