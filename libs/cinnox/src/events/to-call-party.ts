import type { CinnoxCallPartyDto } from '../webhook/dto/cinnox-call-party.dto.js';
import type { CinnoxCallParty } from './cinnox-call-party.js';

/** Strict output for a liberal input: numbers become strings, empty fields are dropped. */
export function toCallParty(dto: CinnoxCallPartyDto): CinnoxCallParty {
  const party: { eid?: string; number?: string } = {};
  if (dto.eid) party.eid = dto.eid;
  if (dto.number !== undefined && dto.number !== '') party.number = String(dto.number).trim();
  return party;
}

/** `callees` may come as one object or an array; listeners always get an array. */
export function toCallParties(dto: CinnoxCallPartyDto | CinnoxCallPartyDto[] | undefined): CinnoxCallParty[] {
  if (dto === undefined || dto === null) return [];
  return (Array.isArray(dto) ? dto : [dto]).map(toCallParty);
}
