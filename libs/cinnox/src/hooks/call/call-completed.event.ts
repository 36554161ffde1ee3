import type { CinnoxCallParty } from './cinnox-call-party.interface.js';

/**
 * Payload of `call.completed`: both halves of a call paired by the call tracker (`calls.track`),
 * emitted once per call when its end arrives.
 * @publicApi
 */
export class CallCompletedEvent {
  constructor(
    /** CINNOX's call ID. */
    readonly callId: string,
    /** CINNOX's service ID. */
    readonly serviceId: string,
    /** Who called, from the start; null when the start has not arrived or named nobody. */
    readonly caller: CinnoxCallParty | null,
    /** Who was called, from the start; empty when unknown. */
    readonly callees: readonly CinnoxCallParty[],
    /** When the start was received; null when it has not been. */
    readonly startedAt: Date | null,
    /** When the end was received. */
    readonly endedAt: Date,
    /** `endedAt - startedAt` in ms; null when the start was not received before the end. */
    readonly durationMs: number | null,
  ) {}

  /** Stable id of this event, the same on every repetition (see the README's guarantees). */
  get eventId(): string {
    return `${this.callId}:CallCompleted`;
  }
}
