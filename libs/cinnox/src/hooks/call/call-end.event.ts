/**
 * Payload of `call.end`.
 * @publicApi
 */
export class CallEndEvent {
  constructor(
    /** CINNOX's call ID (`message.id`). */
    readonly callId: string,
    /** CINNOX's service ID (`message.serviceId`). */
    readonly serviceId: string,
    /** When this process received the notification. */
    readonly receivedAt: Date,
    /** The notification's `message` as received. */
    readonly raw: Readonly<Record<string, unknown>>,
  ) {}

  /**
   * Stable id of this event (call id and status): the same on every redelivery or retry, so listeners
   * with side effects can stay idempotent by keying them on it.
   */
  get eventId(): string {
    return `${this.callId}:CallEnd`;
  }
}
