/**
 * The enquiry statuses CINNOX documents (capitalised, as sent).
 * @publicApi
 */
export type CinnoxInquiryStatus = 'Opened' | 'Handling' | 'Closed' | 'Missed';

/**
 * Payload of `inquiry.opened`, `.handling`, `.closed`, `.missed` and `inquiry.other`: an enquiry (CINNOX
 * spells it "inquiry") changed status.
 * @publicApi
 */
export class InquiryEvent {
  /** Stable id of this event (its dedupe key): the same on every redelivery, for idempotent listeners. */
  declare readonly eventId: string;
  /** Set (true) only on a re-dispatch by `CinnoxReplay` of a logged delivery; absent on the first dispatch. */
  declare readonly replayed?: true;
  /** The enquiry's record ID (`eid`). */
  declare readonly inquiryId: string;
  /** The enquiry number the dashboard shows (`displayCaseNumber`), `null` when absent. */
  declare readonly caseNumber: string | null;
  /** `status` as sent; unknown values come as `inquiry.other`. */
  declare readonly status: CinnoxInquiryStatus | (string & {});
  /** CINNOX's service ID, `null` when absent. */
  declare readonly serviceId: string | null;
  /** The channel (`CINNOX`, `WHATSAPP`, `EMAIL`, ...), `null` when absent. */
  declare readonly channel: string | null;
  /** Where a `CINNOX` channel enquiry came from (`channelOri`), `null` when absent. */
  declare readonly channelOrigin: string | null;
  /** The social-network ID of the visitor, `null` when absent or empty. */
  declare readonly socialId: string | null;
  /** `date` parsed (RFC 3339); `null` when absent or not a date (the text stays in `raw`). */
  declare readonly date: Date | null;
  /** ID of the service group, chatbot or IVR the enquiry went to, `null` when absent. */
  declare readonly destination: string | null;
  /** `destinationTypes`, always as an array (CINNOX's value list is undocumented). */
  declare readonly destinationTypes: readonly string[];
  /** When this process received the notification. */
  declare readonly receivedAt: Date;
  /** The notification's fields as received (the `message` object, or the body when sent flat). */
  declare readonly raw: Readonly<Record<string, unknown>>;

  constructor(fields: Pick<InquiryEvent, keyof InquiryEvent>) {
    Object.assign(this, fields);
  }
}
