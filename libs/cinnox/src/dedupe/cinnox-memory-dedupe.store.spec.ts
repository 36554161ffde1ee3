import { describe, expect, it } from 'vitest';
import { CinnoxMemoryDedupeStore } from './cinnox-memory-dedupe.store.js';

describe('CinnoxMemoryDedupeStore', () => {
  it('grants the first claim of a key and refuses the next ones while it lives', () => {
    const store = new CinnoxMemoryDedupeStore();
    expect(store.claim('a', 1000, 0)).toBe(true);
    expect(store.claim('a', 1000, 999)).toBe(false);
    expect(store.claim('b', 1000, 999)).toBe(true);
  });

  it('grants a key again once its TTL has passed', () => {
    const store = new CinnoxMemoryDedupeStore();
    store.claim('a', 1000, 0);
    expect(store.claim('a', 1000, 999)).toBe(false);
    expect(store.claim('a', 1000, 1000)).toBe(true);
  });

  it('forgets expired keys (swept at most once a second)', () => {
    const store = new CinnoxMemoryDedupeStore();
    store.claim('a', 1000, 0);
    store.claim('b', 1000, 500);
    store.claim('c', 5000, 900);
    expect(store.size).toBe(3);
    store.claim('d', 1000, 1600); // a expired at 1000, b at 1500
    expect(store.size).toBe(2);
  });

  it('release() lets the key be claimed again at once', () => {
    const store = new CinnoxMemoryDedupeStore();
    store.claim('a', 1000, 0);
    store.release('a');
    expect(store.claim('a', 1000, 1)).toBe(true);
  });

  it('never holds more than maxEntries keys (+1% slack), dropping the oldest first', () => {
    const store = new CinnoxMemoryDedupeStore(1000);
    let largest = 0;
    for (let i = 0; i < 1_000_000; i++) {
      store.claim(`call-${i}`, 86_400_000, 0);
      largest = Math.max(largest, store.size);
    }
    expect(largest).toBe(1010);
    expect(store.claim('call-999999', 86_400_000, 0)).toBe(false);
    expect(store.claim('call-0', 86_400_000, 0)).toBe(true);
  });
});
