import { invalidArgument } from '../cinnox.messages.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import type { CinnoxDeliveryLogEntry } from '../stores/cinnox-delivery-log-entry.interface.js';

/** The position after `entry` in receipt order, as every store's `nextCursor` (so a page can move between them). */
export const encodeCursor = (entry: Pick<CinnoxDeliveryLogEntry, 'receivedAt' | 'id'>): string =>
  Buffer.from(JSON.stringify([entry.receivedAt.getTime(), entry.id])).toString('base64url');

/** Reads a cursor made by `encodeCursor`; one that is not ours (perhaps from a query string) is refused. */
export function decodeCursor(cursor: string): { at: number; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof at === 'number' && Number.isFinite(at) && typeof id === 'string') return { at, id };
  } catch {
    // fall through
  }
  throw new CinnoxOptionsError(
    'cursor',
    invalidArgument('CinnoxDeliveryLog.list()', 'cursor', "must be a previous page's nextCursor", cursor),
  );
}
