import { describe, expect, it } from 'vitest';
import { describeCoverageStoreContract, gap } from '../../../../test/support/coverage-store.contract.js';
import { CinnoxMemoryCoverageStore } from './cinnox-memory-coverage.store.js';

describeCoverageStoreContract(
  'CinnoxMemoryCoverageStore',
  () => new CinnoxMemoryCoverageStore(),
  async () => {
    const store = new CinnoxMemoryCoverageStore();
    return [store, store];
  },
);

describe('CinnoxMemoryCoverageStore', () => {
  it('keeps at most maxGaps gaps, the oldest written going first', () => {
    const store = new CinnoxMemoryCoverageStore(2);
    store.advance(0, {}, [gap('call', 0, 10), gap('call', 10, 20)]);
    store.advance(1, {}, [gap('call', 20, 30)]);
    expect(store.gaps({ limit: 10 })).toEqual([gap('call', 20, 30), gap('call', 10, 20)]);
  });

  it('refuses a maxGaps that is not a positive whole number', () => {
    expect(() => new CinnoxMemoryCoverageStore(0)).toThrow(RangeError);
  });
});
