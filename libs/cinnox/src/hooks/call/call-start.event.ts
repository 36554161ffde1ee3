import type { CinnoxCallParty } from './cinnox-call-party.interface.js';

/**
 * Payload of `call.start`.
 * @publicApi
 */
export class CallStartEvent {
  constructor(
    /** CINNOX's call ID (`message.id`). */
    readonly callId: string,
    /** CINNOX's service ID (`message.serviceId`). */
    readonly serviceId: string,
    /** Who called; `null` when CINNOX sent no caller. */
    readonly caller: CinnoxCallParty | null,
    /** Who was called; always an array, empty when CINNOX sent none. */
    readonly callees: readonly CinnoxCallParty[],
    /** When this process received the notification. */
    readonly receivedAt: Date,
    /** The notification's `message` as received, for fields this version does not map. */
    readonly raw: Readonly<Record<string, unknown>>,
  ) {}

  /**
   * Stable id of this event (call id and status): the same on every redelivery or retry, so listeners
   * with side effects can stay idempotent by keying them on it.
   */
  get eventId(): string {
    return `${this.callId}:CallStart`;
  }
}
