/**
 * The outbound SMS statuses CINNOX documents (as sent).
 * @publicApi
 */
export type CinnoxOutboundSmsStatus = 'Submitted' | 'Delivered' | 'Undelivered' | 'Rejected';

/**
 * Payload of `outbound-sms.submitted`, `.delivered`, `.undelivered`, `.rejected` and `outbound-sms.other`:
 * a report on an SMS the app sent. CINNOX's PascalCase fields are given in camelCase.
 * @publicApi
 */
export class OutboundSmsEvent {
  /** Stable id of this event (its dedupe key): the same on every redelivery, for idempotent listeners. */
  declare readonly eventId: string;
  /** Set (true) only on a re-dispatch by `CinnoxReplay` of a logged delivery; absent on the first dispatch. */
  declare readonly replayed?: true;
  /** The SMS ID (`TransactionID`). */
  declare readonly smsId: string;
  /** `Status` as sent; unknown values come as `outbound-sms.other`. */
  declare readonly status: CinnoxOutboundSmsStatus | (string & {});
  /** `AppID`, `null` when absent. */
  declare readonly appId: string | null;
  /** `ServiceID`, `null` when absent. */
  declare readonly serviceId: string | null;
  /** `RecipientNumber` as a trimmed string (CINNOX types it Number), `null` when absent. */
  declare readonly recipientNumber: string | null;
  /** `RecipientCountry`, a two-letter code, `null` when absent. */
  declare readonly recipientCountry: string | null;
  /** `ResponseCode` as a string (`'400'` when undelivered or rejected); `null` when blank or absent. */
  declare readonly responseCode: string | null;
  /** `Exception` (the failure text); `null` when blank or absent, which means no error. */
  declare readonly exception: string | null;
  /** `Type`, the record kind (`tdr`), `null` when absent. */
  declare readonly recordType: string | null;
  /** When this process received the notification. */
  declare readonly receivedAt: Date;
  /** The notification's fields as received, PascalCase (the `message` object, or the body when sent flat). */
  declare readonly raw: Readonly<Record<string, unknown>>;

  constructor(fields: Pick<OutboundSmsEvent, keyof OutboundSmsEvent>) {
    Object.assign(this, fields);
  }
}
