import { describe, expect, it } from 'vitest';
import type { CinnoxCoverageHeartbeat } from '../stores/cinnox-coverage-record.interface.js';
import { closeAll, readFrom, readProgress, settle, type CoverageSettings } from './coverage-progress.js';

const HOOKS = ['call', 'inquiry'];
const settings: CoverageSettings = { hooks: HOOKS, intervalMs: 100 };

/** Heartbeats of `replica` at each time of `times`, with `active` hooks (default every hook). */
const beats = (replica: string, times: readonly number[], active: readonly string[] = HOOKS): CinnoxCoverageHeartbeat[] =>
  times.map((at) => ({ replica, at: new Date(at), active }));

const range = (from: number, to: number, step = 100): number[] => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

const shown = (gaps: readonly { hook: string; from: Date; to: Date; reason: string }[]) =>
  gaps.map((gap) => [gap.hook, gap.from.getTime(), gap.to.getTime(), gap.reason]);

/** Settles `all` in one step up to `until` from a fresh start. */
const settleAll = (all: CinnoxCoverageHeartbeat[], until: number, given: CoverageSettings = settings) =>
  settle(readProgress(null), all, given, until);

describe('coverage gaps from heartbeats', () => {
  it('a steady replica with every hook active: no gap', () => {
    const { closed, progress } = settleAll(beats('a', range(0, 1000)), 700);
    expect(closed).toEqual([]);
    expect(progress).toMatchObject({ until: 700, lastBeat: 700, open: {} });
  });

  it('no heartbeat from any replica for more than three intervals: one no-replica gap per hook, from the last heartbeat to the next', () => {
    const all = [...beats('a', range(0, 1000)), ...beats('b', range(1500, 2500))];
    expect(shown(settleAll(all, 2200).closed)).toEqual([
      ['call', 1000, 1500, 'no-replica'],
      ['inquiry', 1000, 1500, 'no-replica'],
    ]);
  });

  it('three intervals without a heartbeat, not more, is no gap (the rule is "more than three")', () => {
    const all = [...beats('a', range(0, 1000)), ...beats('b', range(1300, 2000))];
    expect(settleAll(all, 1700).closed).toEqual([]);
  });

  it("one replica's restart while another serves is no gap", () => {
    const all = [...beats('a', range(0, 2000)), ...beats('b', range(50, 650)), ...beats('b2', range(1250, 2050))];
    expect(settleAll(all, 1700).closed).toEqual([]);
  });

  it('a hook is inactive only when no live replica has it active', () => {
    const all = [...beats('a', range(0, 2000), ['call']), ...beats('b', [0, ...range(50, 2050)], ['inquiry'])];
    expect(settleAll(all, 1700).closed).toEqual([]);
    // Alone, each replica leaves the other's hook uncovered.
    expect(
      settleAll(
        all.filter((beat) => beat.replica === 'a'),
        1700,
      ).progress.open,
    ).toEqual({
      inquiry: expect.objectContaining({ from: 0, last: 'subscription-inactive' }),
    });
  });

  it('the replica that had a hook active stops: the hook is uncovered from its last heartbeat until one is active again', () => {
    const all = [
      ...beats('a', range(0, 1000), ['call', 'inquiry']),
      ...beats('b', range(50, 1450), ['inquiry']),
      ...beats('b', range(1550, 2550), ['call', 'inquiry']),
    ];
    expect(shown(settleAll(all, 2200).closed)).toEqual([['call', 1000, 1550, 'subscription-inactive']]);
  });

  it('a subscription never confirmed since start is a gap from the first heartbeat until confirmed', () => {
    const all = [...beats('a', range(0, 400), []), ...beats('a', range(500, 1500))];
    expect(shown(settleAll(all, 1200).closed)).toEqual([
      ['call', 0, 500, 'subscription-inactive'],
      ['inquiry', 0, 500, 'subscription-inactive'],
    ]);
  });

  it('touching intervals merge: downtime then a restart not yet subscribed is one gap per hook, named by what held it longest', () => {
    const all = [...beats('a', range(0, 1000)), ...beats('b', range(2000, 2200), []), ...beats('b', range(2300, 3300))];
    expect(shown(settleAll(all, 3000).closed)).toEqual([
      ['call', 1000, 2300, 'no-replica'],
      ['inquiry', 1000, 2300, 'no-replica'],
    ]);
    const refusedLong = [...beats('a', range(0, 1000)), ...beats('b', range(1500, 3000), []), ...beats('b', range(3100, 4000))];
    expect(shown(settleAll(refusedLong, 3700).closed)[0]).toEqual(['call', 1000, 3100, 'subscription-inactive']);
  });

  it('a gap stays open until its end is settled, across steps, and closes in the step that settles it', () => {
    const all = [...beats('a', range(0, 1000)), ...beats('b', range(1500, 2500))];
    const first = settleAll(
      all.filter((beat) => beat.at.getTime() <= 1600),
      1300,
    );
    expect(first.closed).toEqual([]);
    expect(first.progress.open).toEqual({});
    const second = settle(
      first.progress,
      all.filter((beat) => beat.at.getTime() > readFrom(first.progress, settings)),
      settings,
      1500,
    );
    expect(shown(second.closed)).toEqual([
      ['call', 1000, 1500, 'no-replica'],
      ['inquiry', 1000, 1500, 'no-replica'],
    ]);
    // Settled already: settling the same heartbeats again finds nothing.
    expect(settle(second.progress, all, settings, 2000).closed).toEqual([]);
  });

  it('an open gap survives the store as JSON and goes on merging', () => {
    const all = [...beats('a', range(0, 300), []), ...beats('a', range(400, 900))];
    const first = settleAll(all, 200);
    expect(first.progress.open.call).toMatchObject({ from: 0, to: 200 });
    const stored = readProgress(JSON.parse(JSON.stringify(first.progress)));
    expect(shown(settle(stored, all, settings, 600).closed)).toEqual([
      ['call', 0, 400, 'subscription-inactive'],
      ['inquiry', 0, 400, 'subscription-inactive'],
    ]);
  });

  it('closeAll ends every open gap at the given time (the last replica stops)', () => {
    const { progress } = settleAll(beats('a', range(0, 500), ['inquiry']), 500);
    const { closed, progress: after } = closeAll(progress, 550);
    expect(shown(closed)).toEqual([['call', 0, 550, 'subscription-inactive']]);
    expect(after).toMatchObject({ until: 550, lastBeat: 550, open: {} });
  });

  it('with maxSilenceMs: an active hook not heard for longer is a silence gap until heard again', () => {
    const heard = (at: number, callHeard: number): CinnoxCoverageHeartbeat => ({
      replica: 'a',
      at: new Date(at),
      active: HOOKS,
      heardAt: { call: new Date(callHeard), inquiry: new Date(at) },
    });
    const all = range(0, 2000).map((at) => heard(at, at < 1500 ? 0 : 1500));
    expect(shown(settleAll(all, 1700, { ...settings, maxSilenceMs: 1000 }).closed)).toEqual([['call', 1000, 1500, 'silence']]);
  });

  it('reads anything that is not its own progress as a fresh start', () => {
    for (const data of [null, undefined, 'x', { until: 'soon' }, { until: 1, lastBeat: 1 }]) {
      expect(readProgress(data)).toEqual({ until: null, lastBeat: null, open: {} });
    }
  });
});
