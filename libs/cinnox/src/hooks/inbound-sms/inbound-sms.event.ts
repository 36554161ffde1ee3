/**
 * Payload of `inbound-sms.received`: an SMS reached one of the app's numbers.
 * @publicApi
 */
export class InboundSmsEvent {
  /** Stable id of this event (its dedupe key): the same on every redelivery, for idempotent listeners. */
  declare readonly eventId: string;
  /** Set (true) only on a re-dispatch by `CinnoxReplay` of a logged delivery; absent on the first dispatch. */
  declare readonly replayed?: true;
  /** CINNOX's record ID of the SMS (`id`). */
  declare readonly smsId: string;
  /** Who sent it: a trimmed string (CINNOX types it Number), `null` when absent. */
  declare readonly senderNumber: string | null;
  /** The number it was sent to, country code first, as a trimmed string; `null` when absent. */
  declare readonly recipientNumber: string | null;
  /** `receiveTime` parsed (RFC 3339); `null` when absent or not a date (the text stays in `raw`). */
  declare readonly receiveTime: Date | null;
  /** `contentType` (documented as `Text`), `null` when absent. */
  declare readonly contentType: string | null;
  /** The message text, `''` when absent. */
  declare readonly content: string;
  /** `eventDescription` as sent, `null` when absent. */
  declare readonly description: string | null;
  /** When this process received the notification. */
  declare readonly receivedAt: Date;
  /** The notification's fields as received (the `message` object, or the body when sent flat). */
  declare readonly raw: Readonly<Record<string, unknown>>;

  constructor(fields: Pick<InboundSmsEvent, keyof InboundSmsEvent>) {
    Object.assign(this, fields);
  }
}
