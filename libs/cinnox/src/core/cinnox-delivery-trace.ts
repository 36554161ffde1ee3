import type { CinnoxListenerFailure } from '../stores/cinnox-listener-failure.interface.js';

/** One event a delivery led to, as emitted. */
export interface CinnoxTracedEvent {
  readonly name: string;
  readonly eventId: string;
  readonly payload: object;
}

/**
 * What one delivery led to, filled in while it is dispatched (only when the delivery log is on): every event
 * emitted for it (those its hook made, then the ones derived from them, such as `call.completed`) and every
 * listener that failed.
 */
export class CinnoxDeliveryTrace {
  readonly events: CinnoxTracedEvent[] = [];
  readonly failures: CinnoxListenerFailure[] = [];
  // The payloads the hook's toEvents made: any other event emitted for the delivery was derived from them.
  private readonly own = new Set<object>();

  /** Marks `payload` as one of the hook's own events (the publisher does, before emitting it). */
  produced(payload: object): void {
    this.own.add(payload);
  }

  /** The events emitted for the delivery that its hook did not make itself (an observer derived them). */
  get derived(): CinnoxTracedEvent[] {
    return this.events.filter((event) => !this.own.has(event.payload));
  }
}
