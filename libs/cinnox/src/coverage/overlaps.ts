import type { CinnoxCoverageGap } from '../domain/cinnox-coverage-gap.event.js';

/** Whether `gap` overlaps the window `[from, to)` (either end open when unset). */
export const overlaps = (gap: Pick<CinnoxCoverageGap, 'from' | 'to'>, window: { from?: Date; to?: Date }): boolean =>
  (window.from === undefined || gap.to > window.from) && (window.to === undefined || gap.from < window.to);
