import type { CinnoxCallParty } from '../hooks/call/cinnox-call-party.interface.js';
import type { CinnoxCallStartInput } from '../stores/cinnox-call-record.interface.js';

/** Most callees a tracked call keeps; the `call.start` event keeps them all. */
export const CINNOX_TRACKED_MAX_CALLEES = 10;
/** Longest party string (eid, number) a tracked call keeps, in characters. */
export const CINNOX_TRACKED_MAX_TEXT = 128;

const cut = (text: string | undefined): string | undefined => (text === undefined ? text : text.slice(0, CINNOX_TRACKED_MAX_TEXT));

function boundParty(party: CinnoxCallParty): CinnoxCallParty {
  return { ...(party.eid !== undefined && { eid: cut(party.eid) }), ...(party.number !== undefined && { number: cut(party.number) }) };
}

const isLong = (party: CinnoxCallParty | null): boolean =>
  party !== null && ((party.eid?.length ?? 0) > CINNOX_TRACKED_MAX_TEXT || (party.number?.length ?? 0) > CINNOX_TRACKED_MAX_TEXT);

/**
 * What a tracked call keeps of its start: at most `CINNOX_TRACKED_MAX_CALLEES` callees and
 * `CINNOX_TRACKED_MAX_TEXT` characters a party string, so the stores' record caps bound bytes too (a body
 * under the webhook's limit can carry over a hundred callees). Ids and the service id are kept whole (the
 * DTO bounds them to 256 characters): the end is paired by the id. Undefined when nothing needed trimming.
 */
export function boundCallStart(input: CinnoxCallStartInput): CinnoxCallStartInput | undefined {
  const { caller, callees } = input;
  if (callees.length <= CINNOX_TRACKED_MAX_CALLEES && !isLong(caller) && !callees.some(isLong)) return undefined;
  return {
    ...input,
    caller: caller === null ? null : boundParty(caller),
    callees: callees.slice(0, CINNOX_TRACKED_MAX_CALLEES).map(boundParty),
  };
}
