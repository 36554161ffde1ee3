/**
 * One side of a call, normalized: `number` is always a string (a leading `+` kept), `eid` is absent
 * for parties outside CINNOX (e.g. an external phone).
 * @publicApi
 */
export interface CinnoxCallParty {
  /** The staff member's EID, when the party is CINNOX staff. */
  readonly eid?: string;
  /** The phone number as digits, with a leading `+` when CINNOX sent one. */
  readonly number?: string;
}
