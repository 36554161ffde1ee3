import type { CinnoxCoverageGap, CinnoxCoverageGapReason } from '../domain/cinnox-coverage-gap.event.js';
import type { CinnoxCoverageHeartbeat } from '../stores/cinnox-coverage-record.interface.js';

const REASONS: readonly CinnoxCoverageGapReason[] = ['no-replica', 'subscription-inactive', 'silence'];

/** A gap not closed yet: how long each reason held it open (ms), and the reason at its last point. */
export interface OpenGap {
  from: number;
  to: number;
  last: CinnoxCoverageGapReason;
  spent: Partial<Record<CinnoxCoverageGapReason, number>>;
}

/** How far the heartbeats are turned into gaps: plain JSON, kept in the store's progress. */
export interface CoverageProgressData {
  /** Heartbeats at or before this time are settled. */
  until: number | null;
  /** The last settled heartbeat, of any replica. */
  lastBeat: number | null;
  open: Record<string, OpenGap>;
}

export interface CoverageSettings {
  readonly hooks: readonly string[];
  readonly intervalMs: number;
  /** Set to find `silence` gaps. */
  readonly maxSilenceMs?: number;
}

/** Missed heartbeats after which a replica counts as gone. */
export const MISSED_BEATS = 3;

/** The progress `data` as written by `settle()`, or a fresh start for anything else (none yet, or unreadable). */
export function readProgress(data: unknown): CoverageProgressData {
  const given = data as Partial<CoverageProgressData> | null;
  const time = (value: unknown): value is number | null => value === null || typeof value === 'number';
  if (given && time(given.until) && time(given.lastBeat) && typeof given.open === 'object' && given.open !== null) {
    return { until: given.until, lastBeat: given.lastBeat, open: { ...given.open } };
  }
  return { until: null, lastBeat: null, open: {} };
}

/** The time after which `settle()` needs every heartbeat. */
export const readFrom = (progress: CoverageProgressData, settings: CoverageSettings): number =>
  progress.until === null ? 0 : progress.until - MISSED_BEATS * settings.intervalMs;

/**
 * Turns the heartbeats up to `until` into gaps, from where `progress` stopped: `beats` holds every heartbeat
 * later than `readFrom(progress)`, up to now, so that whether a replica beat again within three intervals
 * is known for each point settled (settle up to now less three intervals). At each heartbeat (a point) a
 * hook is covered when some live replica has it active (and, with `maxSilenceMs`, heard it recently);
 * uncovered points extend the hook's open gap from the point before, a covered one closes it, and a
 * silence of more than three intervals between points is `no-replica` for every hook.
 */
export function settle(
  progress: CoverageProgressData,
  beats: readonly CinnoxCoverageHeartbeat[],
  settings: CoverageSettings,
  until: number,
): { progress: CoverageProgressData; closed: CinnoxCoverageGap[] } {
  const window = MISSED_BEATS * settings.intervalMs;
  const next: CoverageProgressData = { ...progress, open: { ...progress.open } };
  const closed: CinnoxCoverageGap[] = [];
  const replicas = byReplica(beats);
  const after = progress.until ?? -Infinity;
  const points = [...new Set(beats.map((beat) => beat.at.getTime()))].filter((t) => t > after && t <= until).sort((a, b) => a - b);
  for (const t of points) {
    const prev = next.lastBeat;
    if (prev !== null && t - prev > window) for (const hook of settings.hooks) extend(next, hook, prev, t, 'no-replica');
    const live = replicas.map((own) => liveBeat(own, t, window)).filter((beat) => beat !== undefined);
    for (const hook of settings.hooks) {
      const reason = uncovered(hook, live, t, settings.maxSilenceMs);
      if (reason) extend(next, hook, prev ?? t, t, reason);
      else if (next.open[hook]) closed.push(close(next, hook, t));
    }
    next.lastBeat = t;
  }
  if (until > after) next.until = until;
  return { progress: next, closed };
}

/** Closes every open gap at `at` (the last replica is shutting down: nothing settles them later). */
export function closeAll(progress: CoverageProgressData, at: number): { progress: CoverageProgressData; closed: CinnoxCoverageGap[] } {
  const next: CoverageProgressData = { ...progress, open: { ...progress.open } };
  const closed = Object.keys(next.open).map((hook) => close(next, hook, Math.max(at, next.open[hook]!.to)));
  next.until = Math.max(next.until ?? at, at);
  next.lastBeat = Math.max(next.lastBeat ?? at, at);
  return { progress: next, closed };
}

function byReplica(beats: readonly CinnoxCoverageHeartbeat[]): CinnoxCoverageHeartbeat[][] {
  const replicas = new Map<string, CinnoxCoverageHeartbeat[]>();
  for (const beat of beats) {
    const own = replicas.get(beat.replica) ?? [];
    own.push(beat);
    replicas.set(beat.replica, own);
  }
  return [...replicas.values()].map((own) => own.sort((a, b) => a.at.getTime() - b.at.getTime()));
}

// A replica is live at t when t is one of its beats, or between two of its beats less than `window` apart
// (after its last beat it is gone: its coverage ends there). Its state at t is its last beat before.
function liveBeat(own: readonly CinnoxCoverageHeartbeat[], t: number, window: number): CinnoxCoverageHeartbeat | undefined {
  const index = own.findLastIndex((beat) => beat.at.getTime() <= t);
  const beat = own[index];
  if (!beat) return undefined;
  const later = own[index + 1];
  return beat.at.getTime() === t || (later !== undefined && later.at.getTime() - beat.at.getTime() <= window) ? beat : undefined;
}

function uncovered(
  hook: string,
  live: readonly CinnoxCoverageHeartbeat[],
  t: number,
  maxSilenceMs: number | undefined,
): CinnoxCoverageGapReason | undefined {
  const active = live.filter((beat) => beat.active.includes(hook));
  if (active.length === 0) return 'subscription-inactive';
  if (maxSilenceMs === undefined) return undefined;
  const heard = Math.max(...active.map((beat) => beat.heardAt?.[hook]?.getTime() ?? -Infinity));
  return heard !== -Infinity && t - heard > maxSilenceMs ? 'silence' : undefined;
}

function extend(progress: CoverageProgressData, hook: string, from: number, to: number, reason: CinnoxCoverageGapReason): void {
  const gap = progress.open[hook];
  if (!gap) {
    progress.open[hook] = { from, to, last: reason, spent: { [reason]: to - from } };
    return;
  }
  const spent = { ...gap.spent };
  if (to > gap.to) spent[reason] = (spent[reason] ?? 0) + (to - gap.to);
  progress.open[hook] = { from: Math.min(gap.from, from), to: Math.max(gap.to, to), last: reason, spent };
}

function close(progress: CoverageProgressData, hook: string, at: number): CinnoxCoverageGap {
  const gap = progress.open[hook]!;
  delete progress.open[hook];
  const spent = { ...gap.spent, [gap.last]: (gap.spent[gap.last] ?? 0) + Math.max(0, at - gap.to) };
  // The reason that held the gap open longest; ties go to the first in REASONS.
  const reason = REASONS.reduce((best, one) => ((spent[one] ?? -1) > (spent[best] ?? -1) ? one : best));
  return { hook, from: new Date(gap.from), to: new Date(Math.max(at, gap.to)), reason };
}
