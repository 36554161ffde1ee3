/**
 * Payload of `call.end`.
 * @publicApi
 */
export class CallEndEvent {
  /** `call:<callId>:CallEnd`: the same on every redelivery or retry, for idempotent listeners. */
  declare readonly eventId: string;
  /** Set (true) only on a re-dispatch by `CinnoxReplay` of a logged delivery; absent on the first dispatch. */
  declare readonly replayed?: true;
  /** CINNOX's call ID (`message.id`). */
  declare readonly callId: string;
  /** CINNOX's service ID (`message.serviceId`). */
  declare readonly serviceId: string;
  /** When this process received the notification. */
  declare readonly receivedAt: Date;
  /** The notification's `message` as received. */
  declare readonly raw: Readonly<Record<string, unknown>>;

  constructor(fields: Pick<CallEndEvent, keyof CallEndEvent>) {
    Object.assign(this, fields);
  }
}
