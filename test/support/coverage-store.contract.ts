import { describe, expect, it } from 'vitest';
import type { CinnoxCoverageGap } from '../../libs/cinnox/src/domain/cinnox-coverage-gap.event.js';
import type { CinnoxCoverageHeartbeat } from '../../libs/cinnox/src/stores/cinnox-coverage-record.interface.js';
import type { CinnoxCoverageStore } from '../../libs/cinnox/src/stores/cinnox-coverage.store.js';

export const beat = (
  replica: string,
  at: number,
  active: readonly string[] = ['call'],
  heardAt?: Record<string, Date>,
): CinnoxCoverageHeartbeat => ({
  replica,
  at: new Date(at),
  active,
  ...(heardAt && { heardAt }),
});

export const gap = (hook: string, from: number, to: number, reason: CinnoxCoverageGap['reason'] = 'no-replica'): CinnoxCoverageGap => ({
  hook,
  from: new Date(from),
  to: new Date(to),
  reason,
});

/**
 * What every CinnoxCoverageStore does, whatever keeps the heartbeats: run against the in-memory and the
 * PostgreSQL stores. `open()` gives a store on fresh data; `openShared()` two stores on the same fresh data, as
 * two processes would have them (one in-memory store twice: it is shared by one process only).
 */
export function describeCoverageStoreContract(
  name: string,
  open: () => CinnoxCoverageStore | Promise<CinnoxCoverageStore>,
  openShared: () => Promise<[CinnoxCoverageStore, CinnoxCoverageStore]>,
): void {
  describe(`${name}: the coverage store contract`, () => {
    it('keeps heartbeats as written, lists those after a time oldest first, a repeat of one replica and time replacing it', async () => {
      const store = await open();
      await store.beat(beat('b', 20, ['call', 'inquiry'], { call: new Date(5) }));
      await store.beat(beat('a', 10));
      await store.beat(beat('a', 30, []));
      await store.beat(beat('a', 30, ['inquiry']));
      expect(await store.heartbeats(new Date(0))).toEqual([
        beat('a', 10),
        beat('b', 20, ['call', 'inquiry'], { call: new Date(5) }),
        beat('a', 30, ['inquiry']),
      ]);
      expect((await store.heartbeats(new Date(20))).map((one) => one.at.getTime())).toEqual([30]);
    });

    it('advances the progress only from the version it was read at, adding the closed gaps with it', async () => {
      const store = await open();
      expect(await store.progress()).toEqual({ version: 0, data: null });
      expect(await store.advance(0, { until: 5, open: { call: { from: 1 } } }, [gap('call', 1, 2)])).toBe(true);
      // A replica that read version 0 too loses: its gaps are not added.
      expect(await store.advance(0, { until: 6 }, [gap('call', 1, 3)])).toBe(false);
      expect(await store.progress()).toEqual({ version: 1, data: { until: 5, open: { call: { from: 1 } } } });
      expect(await store.advance(1, { until: 7 }, [])).toBe(true);
      expect(await store.gaps({ limit: 10 })).toEqual([gap('call', 1, 2)]);
    });

    it('lists gaps overlapping [from, to), of a hook, the most recently ended first, at most limit', async () => {
      const store = await open();
      await store.advance(0, {}, [gap('call', 10, 20), gap('inquiry', 15, 40, 'subscription-inactive'), gap('call', 30, 50, 'silence')]);
      expect(await store.gaps({ limit: 10 })).toEqual([
        gap('call', 30, 50, 'silence'),
        gap('inquiry', 15, 40, 'subscription-inactive'),
        gap('call', 10, 20),
      ]);
      expect(await store.gaps({ limit: 10, hook: 'call' })).toEqual([gap('call', 30, 50, 'silence'), gap('call', 10, 20)]);
      expect(await store.gaps({ limit: 10, from: new Date(20), to: new Date(30) })).toEqual([
        gap('inquiry', 15, 40, 'subscription-inactive'),
      ]);
      expect(await store.gaps({ limit: 1 })).toEqual([gap('call', 30, 50, 'silence')]);
    });

    it('deletes old heartbeats and gaps a batch at a time', async () => {
      const store = await open();
      for (const at of [10, 20, 30, 40]) await store.beat(beat('a', at));
      await store.advance(0, {}, [gap('call', 0, 10), gap('call', 10, 20), gap('call', 20, 30)]);
      expect(await store.deleteHeartbeatsBefore(new Date(35), 2)).toBe(2);
      expect(await store.deleteHeartbeatsBefore(new Date(35), 2)).toBe(1);
      expect(await store.deleteHeartbeatsBefore(new Date(35), 2)).toBe(0);
      expect((await store.heartbeats(new Date(0))).map((one) => one.at.getTime())).toEqual([40]);
      expect(await store.deleteGapsBefore(new Date(25), 1)).toBe(1);
      expect(await store.deleteGapsBefore(new Date(25), 5)).toBe(1);
      expect(await store.gaps({ limit: 10 })).toEqual([gap('call', 20, 30)]);
    });

    it('lets exactly one of two processes advance from one version, when both try at once', async () => {
      const [one, two] = await openShared();
      for (let version = 0; version < 20; version++) {
        const won = await Promise.all([
          one.advance(version, { by: 1 }, [gap('call', version, version + 1)]),
          two.advance(version, { by: 2 }, [gap('call', version, version + 1)]),
        ]);
        expect(won.filter(Boolean)).toHaveLength(1);
      }
      expect(await one.gaps({ limit: 100 })).toHaveLength(20);
      expect((await two.progress()).version).toBe(20);
    });
  });
}
