import { invalidArgument } from '../cinnox.messages.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import type { CinnoxCallParty } from '../hooks/call/cinnox-call-party.interface.js';
import type { CinnoxCallQuery, CinnoxCallRecord } from '../stores/cinnox-call-record.interface.js';

/** Whether `record` passes the query's status, time range and party (for stores that filter in memory). */
export function matchesCallQuery(record: CinnoxCallRecord, query: CinnoxCallQuery): boolean {
  if (query.status !== undefined && record.status !== query.status) return false;
  const at = (record.startedAt ?? record.endedAt)?.getTime();
  if (query.from !== undefined && (at === undefined || at < query.from.getTime())) return false;
  if (query.to !== undefined && (at === undefined || at >= query.to.getTime())) return false;
  if (query.party === undefined) return true;
  const is = (party: CinnoxCallParty | null) => party !== null && (party.number === query.party || party.eid === query.party);
  return is(record.caller) || record.callees.some(is);
}

/** A store's position in its listing order, opaque to callers. */
export const encodeCallCursor = (position: readonly (string | number)[]): string =>
  Buffer.from(JSON.stringify(position)).toString('base64url');

/** Reads a cursor `encodeCallCursor` made of a number then a string; any other is the caller's mistake. */
export function decodeCallCursor(cursor: string): [number, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof at === 'number' && Number.isFinite(at) && typeof id === 'string') return [at, id];
  } catch {
    // fall through
  }
  throw new CinnoxOptionsError(
    'query.cursor',
    invalidArgument('CinnoxCallTracker.list()', 'query.cursor', "must be a previous page's nextCursor", cursor),
  );
}
