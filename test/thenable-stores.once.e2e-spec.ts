import { describe, expect } from 'vitest';
import {
  CinnoxCallStore,
  CinnoxDedupeStore,
  CinnoxMemoryCallStore,
  CinnoxMemoryDedupeStore,
  CinnoxMetrics,
  type CinnoxCallEndInput,
  type CinnoxCallQuery,
  type CinnoxCallReportInput,
  type CinnoxCallStartInput,
  type CinnoxCallStoreTimes,
  type CinnoxRecordingStatus,
  type CinnoxReportedCall,
} from 'nestjs-cinnox';
import { callEndNotification, callStartNotification } from 'nestjs-cinnox/testing';
import { test } from './support/e2e.fixture.js';

// Stores of the host's may answer with another library's promises (Bluebird, a driver's own): anything with
// a `then` must be waited for, not taken for a value.

/** A thenable that is not a native Promise, as another promise library's would be. */
const foreign = <T>(value: T): PromiseLike<T> => ({
  then: (onFulfilled, onRejected) => Promise.resolve(value).then(onFulfilled, onRejected),
});

class ForeignDedupeStore extends CinnoxDedupeStore {
  private readonly memory = new CinnoxMemoryDedupeStore();
  claim(key: string, ttlMs: number): PromiseLike<boolean> {
    return foreign(this.memory.claim(key, ttlMs));
  }
  release(key: string): PromiseLike<void> {
    return foreign(this.memory.release(key));
  }
}

class ForeignCallStore extends CinnoxCallStore {
  private readonly memory = new CinnoxMemoryCallStore();
  start(start: CinnoxCallStartInput, times: CinnoxCallStoreTimes) {
    return foreign(this.memory.start(start, times));
  }
  end(end: CinnoxCallEndInput, times: CinnoxCallStoreTimes) {
    return foreign(this.memory.end(end, times));
  }
  recording(id: string, outcome: CinnoxRecordingStatus, times: CinnoxCallStoreTimes) {
    return foreign(this.memory.recording(id, outcome, times));
  }
  report(call: CinnoxCallReportInput, times: CinnoxCallStoreTimes) {
    return foreign(this.memory.report(call, times));
  }
  leaseWindow(key: string, owner: string, until: number, times: CinnoxCallStoreTimes) {
    return foreign(this.memory.leaseWindow(key, owner, until, times));
  }
  finishWindow(key: string, times: CinnoxCallStoreTimes) {
    return foreign(this.memory.finishWindow(key, times));
  }
  confirm(id: string, deliveryId: string) {
    return foreign(this.memory.confirm(id, deliveryId));
  }
  settle(id: string, cinnox: CinnoxReportedCall | null, times: CinnoxCallStoreTimes) {
    return foreign(this.memory.settle(id, cinnox, times));
  }
  claimStale(startedBefore: number, limit: number, times: CinnoxCallStoreTimes) {
    return foreign(this.memory.claimStale(startedBefore, limit, times));
  }
  get(id: string) {
    return foreign(this.memory.get(id));
  }
  list(query: Required<Pick<CinnoxCallQuery, 'limit'>> & CinnoxCallQuery) {
    return foreign(this.memory.list(query));
  }
  countActive() {
    return foreign(this.memory.countActive());
  }
}

describe('stores answering with thenables that are not native promises', () => {
  test('a dedupe store: redeliveries are still dropped', async ({ startHost }) => {
    const harness = await startHost({ webhook: { dedupeStore: new ForeignDedupeStore() } });
    const start = callStartNotification({ id: 'thenable-dup' });

    const answers = [await harness.post(start), await harness.post(start), await harness.post(start)];

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(harness.events.map((event) => `${event.name}:${event.payload.callId}`)).toEqual(['call.start:thenable-dup']);
    const metrics = await harness.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_webhook_requests_total');
    expect(metrics).toContain('cinnox_webhook_requests_total{hook="call",outcome="duplicate"} 2');
  });

  test('a call store: the tracker pairs the halves and emits call.completed', async ({ startHost }) => {
    const harness = await startHost({ calls: { track: true, store: new ForeignCallStore() } });

    await harness.post(callStartNotification({ id: 'thenable-call' }));
    await harness.post(callEndNotification('thenable-call'));

    await expect.poll(() => harness.events.map((event) => event.name)).toEqual(['call.start', 'call.end', 'call.completed']);
    expect(harness.events[2]!.payload).toMatchObject({ callId: 'thenable-call', durationMs: expect.any(Number) });
  });
});
