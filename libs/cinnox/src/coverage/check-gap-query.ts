import { invalidArgument } from '../cinnox.messages.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import type { CinnoxCoverageGapQuery } from '../stores/cinnox-coverage-record.interface.js';

/** The query of `CinnoxCoverage.gaps()`, checked, with its default limit. */
export function checkGapQuery(query: CinnoxCoverageGapQuery): CinnoxCoverageGapQuery & { limit: number } {
  const bad = (name: string, expected: string, got: unknown): never => {
    throw new CinnoxOptionsError(name, invalidArgument('CinnoxCoverage.gaps()', name, expected, got));
  };
  if (typeof query !== 'object' || query === null) bad('query', 'must be an object', query);
  const { from, to, hook, limit = 100 } = query;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && (!(value instanceof Date) || Number.isNaN(value.getTime()))) bad(name, 'must be a valid Date', value);
  }
  if (hook !== undefined && (typeof hook !== 'string' || hook === '')) bad('hook', 'must be a non-empty string', hook);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) bad('limit', 'must be a whole number from 1 to 1000', limit);
  return { from, to, hook, limit };
}
