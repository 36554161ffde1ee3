/**
 * Payload of `conference.other`: a conference notification with a status this version does not know
 * (CINNOX documents only `conference_end`).
 * @publicApi
 */
export class ConferenceOtherEvent {
  /** Stable id of this event (its dedupe key): the same on every redelivery, for idempotent listeners. */
  declare readonly eventId: string;
  /** Set (true) only on a re-dispatch by `CinnoxReplay` of a logged delivery; absent on the first dispatch. */
  declare readonly replayed?: true;
  /** CINNOX's conference ID (`message.id`). */
  declare readonly conferenceId: string;
  /** The status as CINNOX sent it. */
  declare readonly status: string;
  /** CINNOX's service ID, `null` when absent. */
  declare readonly serviceId: string | null;
  /** When this process received the notification. */
  declare readonly receivedAt: Date;
  /** The notification's `message` as received. */
  declare readonly raw: Readonly<Record<string, unknown>>;

  constructor(fields: Pick<ConferenceOtherEvent, keyof ConferenceOtherEvent>) {
    Object.assign(this, fields);
  }
}
