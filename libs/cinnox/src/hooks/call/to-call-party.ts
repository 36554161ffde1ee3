import type { CinnoxCallPartyMessage } from './cinnox-call-message.interface.js';
import type { CinnoxCallParty } from './cinnox-call-party.interface.js';

/** Strict output for a liberal input: numbers become strings, empty fields are dropped. */
export function toCallParty(party: CinnoxCallPartyMessage): CinnoxCallParty {
  const normalized: { eid?: string; number?: string } = {};
  if (party.eid) normalized.eid = party.eid;
  if (party.number !== undefined && party.number !== '') normalized.number = String(party.number).trim();
  return normalized;
}

/** `callees` may come as one object or an array; listeners always get an array. */
export function toCallParties(parties: CinnoxCallPartyMessage | readonly CinnoxCallPartyMessage[] | undefined): CinnoxCallParty[] {
  if (parties === undefined || parties === null) return [];
  // Array.isArray does not narrow a readonly array type.
  return (Array.isArray(parties) ? (parties as readonly CinnoxCallPartyMessage[]) : [parties as CinnoxCallPartyMessage]).map(toCallParty);
}
