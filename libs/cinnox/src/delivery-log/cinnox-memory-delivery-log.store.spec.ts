import { describe, expect, it } from 'vitest';
import { describeDeliveryLogStoreContract, logEntry as entry } from '../../../../test/support/delivery-log-store.contract.js';
import { CinnoxMemoryDeliveryLogStore } from './cinnox-memory-delivery-log.store.js';

// Listing, paging, upserts, erasure and deletion are the contract every store keeps; only the cap is the memory store's own.
describeDeliveryLogStoreContract('CinnoxMemoryDeliveryLogStore', () => new CinnoxMemoryDeliveryLogStore());

describe('CinnoxMemoryDeliveryLogStore', () => {
  it('keeps at most maxEntries, the first written going first', () => {
    const store = new CinnoxMemoryDeliveryLogStore(2);
    store.write([entry('a', 10), entry('b', 20)]);
    store.write([entry('c', 30)]);
    expect(store.list({ limit: 10 }).entries.map((one) => one.id)).toEqual(['b', 'c']);
  });
});
