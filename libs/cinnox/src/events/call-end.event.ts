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
}
