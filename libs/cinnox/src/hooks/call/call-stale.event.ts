import type { CinnoxCallParty } from './cinnox-call-party.interface.js';

/**
 * Payload of `call.stale`: a call started and no end arrived within `calls.maxCallDurationMs`. Emitted
 * once per call; a late end still completes it (`call.completed`).
 * @publicApi
 */
export class CallStaleEvent {
  constructor(
    /** CINNOX's call ID. */
    readonly callId: string,
    /** CINNOX's service ID. */
    readonly serviceId: string,
    /** Who called; null when the start named nobody. */
    readonly caller: CinnoxCallParty | null,
    /** Who was called. */
    readonly callees: readonly CinnoxCallParty[],
    /** When the start was received. */
    readonly startedAt: Date,
    /** When the tracker declared the call stale. */
    readonly staleAt: Date,
  ) {}

  /** Stable id of this event. */
  get eventId(): string {
    return `${this.callId}:CallStale`;
  }
}
