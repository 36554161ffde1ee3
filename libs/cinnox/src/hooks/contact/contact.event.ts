/**
 * What happened to a contact, the same for staff (`staffCreate`, ...) and external contacts (`create`, ...).
 * @publicApi
 */
export type CinnoxContactChange = 'create' | 'edit' | 'delete';

/**
 * Payload of the `staff-contact.*` and `external-contact.*` events: a staff member or an external contact
 * was created, edited or deleted.
 * @publicApi
 */
export class ContactEvent {
  /** Stable id of this event (its dedupe key): the same on every redelivery, for idempotent listeners. */
  declare readonly eventId: string;
  /** Set (true) only on a re-dispatch by `CinnoxReplay` of a logged delivery; absent on the first dispatch. */
  declare readonly replayed?: true;
  /** Which hook sent it: staff or external contacts. */
  declare readonly hook: 'staff-contact' | 'external-contact';
  /** The staff ID or the external contact's ID (`message.id`). */
  declare readonly contactId: string;
  /** `message.status` as sent (`staffEdit`, `edit`, ...). */
  declare readonly status: string;
  /** The status without its `staff` prefix; `null` for a status this version does not know (a `*.other` event). */
  declare readonly change: CinnoxContactChange | null;
  /** `message.fullName`, `null` when absent. */
  declare readonly fullName: string | null;
  /** CINNOX's service ID, `null` when absent. */
  declare readonly serviceId: string | null;
  /** When this process received the notification. */
  declare readonly receivedAt: Date;
  /** The notification's `message` as received. */
  declare readonly raw: Readonly<Record<string, unknown>>;

  constructor(fields: Pick<ContactEvent, keyof ContactEvent>) {
    Object.assign(this, fields);
  }
}
