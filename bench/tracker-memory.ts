import { CinnoxMemoryCallStore } from 'nestjs-cinnox';

// The call tracker's memory per active call (issue 15): heap after a full GC with N active calls in the
// memory store, less the heap of the empty store, over N. Run with `node --expose-gc`; the bench runner does.

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

/** Bytes per active call the memory store holds, with parties as the bench's notifications carry them. */
export function trackerBytesPerActiveCall(calls = 100_000): number {
  const store = new CinnoxMemoryCallStore(calls);
  gc!();
  const before = process.memoryUsage().heapUsed;
  const now = Date.now();
  const times = { now, retentionMs: 86_400_000, activeTtlMs: 86_400_000 * 2 };
  for (let i = 0; i < calls; i++) {
    const id = `bench-${now.toString(36)}-${i}`;
    store.start(
      { id, serviceId: 's', caller: { eid: 'e', number: '85212345678' }, callees: [{ number: '+85298765432' }], startedAt: now },
      times,
    );
  }
  gc!();
  const after = process.memoryUsage().heapUsed;
  if (store.countActive() !== calls) throw new Error(`expected ${calls} active calls, the store has ${store.countActive()}`);
  return Math.round((after - before) / calls);
}

if (process.argv[1]?.endsWith('tracker-memory.js')) process.stdout.write(`TRACKER_BYTES ${trackerBytesPerActiveCall()}\n`);
