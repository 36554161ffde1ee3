import { describe, expect, it, vi } from 'vitest';
import type { CinnoxDeliveryLogEntry } from '../stores/cinnox-delivery-log-entry.interface.js';
import { DeliveryLogBuffer, type DeliveryLogBufferLimits } from './delivery-log-buffer.js';

const entry = (id: string, outcome: CinnoxDeliveryLogEntry['outcome'] = 'delivered'): CinnoxDeliveryLogEntry => ({
  id,
  hook: 'call',
  receivedAt: new Date(0),
  body: {},
  eventIds: [`call:${id}:CallStart`],
  derived: [],
  callId: id,
  duplicate: false,
  outcome,
  failures: [],
  updatedAt: new Date(0),
});

function buffer(
  limits: Partial<DeliveryLogBufferLimits> = {},
  write: (batch: readonly CinnoxDeliveryLogEntry[]) => unknown = () => undefined,
) {
  const written: string[][] = [];
  const events = { dropped: vi.fn<() => void>(), failed: vi.fn<(error: unknown) => void>(), written: vi.fn<(count: number) => void>() };
  const made = new DeliveryLogBuffer(
    async (batch) => {
      await write(batch);
      written.push(batch.map((one) => one.id));
    },
    { bufferSize: 10, batchSize: 100, flushIntervalMs: 60_000, ...limits },
    events,
  );
  return { buffer: made, written, events };
}

describe('DeliveryLogBuffer', () => {
  it('writes nothing on push (the response path) and everything, in order and in batches, on flush', async () => {
    const { buffer: log, written } = buffer({ batchSize: 2 });
    log.push(entry('a'));
    expect(written).toEqual([]);
    log.push(entry('b'));
    log.push(entry('c'));
    expect(await log.flush()).toBe(true);
    expect(written).toEqual([['a', 'b'], ['c']]);
    expect(log.size).toBe(0);
  });

  it('starts a flush by itself once batchSize entries wait, after the current turn', async () => {
    const { buffer: log, written } = buffer({ batchSize: 2 });
    log.push(entry('a'));
    log.push(entry('b'));
    expect(written).toEqual([]);
    await vi.waitFor(() => expect(written).toEqual([['a', 'b']]));
  });

  it('flushes every flushIntervalMs once started, and not after stop()', async () => {
    const { buffer: log, written } = buffer({ flushIntervalMs: 10 });
    log.start();
    log.push(entry('a'));
    await vi.waitFor(() => expect(written).toEqual([['a']]));
    log.stop();
  });

  it('keeps entries a failed write could not store, counts nothing as dropped, and writes them at the next flush', async () => {
    let down = true;
    const {
      buffer: log,
      written,
      events,
    } = buffer({}, () => {
      if (down) throw new Error('store down');
    });
    log.push(entry('a'));
    expect(await log.flush()).toBe(false);
    expect(events.failed).toHaveBeenCalledWith(new Error('store down'));
    expect(log.size).toBe(1);
    down = false;
    expect(await log.flush()).toBe(true);
    expect(written).toEqual([['a']]);
    expect(events.dropped).not.toHaveBeenCalled();
  });

  it('drops new entries beyond bufferSize (each counted) but still takes a newer write of a waiting entry', () => {
    const { buffer: log, events } = buffer({ bufferSize: 2 });
    expect(log.push(entry('a', 'queued'))).toBe(true);
    expect(log.push(entry('b'))).toBe(true);
    expect(log.push(entry('c'))).toBe(false);
    expect(log.push(entry('d'))).toBe(false);
    expect(events.dropped).toHaveBeenCalledTimes(2);
    expect(log.push(entry('a', 'delivered'))).toBe(true);
    expect(log.size).toBe(2);
  });

  it('merges two writes of one entry, never setting a settled one back to queued', async () => {
    const stored: CinnoxDeliveryLogEntry[] = [];
    const { buffer: log } = buffer({}, (batch) => stored.push(...batch));
    log.push(entry('a', 'queued'));
    log.push(entry('a', 'dead-lettered'));
    log.push(entry('a', 'queued'));
    await log.flush();
    expect(stored.map((one) => one.outcome)).toEqual(['dead-lettered']);
  });

  it('keeps an entry written again during its write for the next batch', async () => {
    const stored: string[] = [];
    let release!: () => void;
    const { buffer: log } = buffer({}, async (batch) => {
      stored.push(...batch.map((one) => one.outcome));
      if (stored.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    log.push(entry('a', 'queued'));
    const first = log.flush();
    await vi.waitFor(() => expect(stored).toEqual(['queued']));
    log.push(entry('a', 'delivered'));
    release();
    await first;
    await log.flush();
    expect(stored).toEqual(['queued', 'delivered']);
  });

  it('drain() gives up at its deadline when the store hangs', async () => {
    const { buffer: log } = buffer({}, () => new Promise(() => undefined));
    log.push(entry('a'));
    const started = Date.now();
    expect(await log.drain(Date.now() + 50)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('remove() forgets the waiting entries it picks', () => {
    const { buffer: log } = buffer();
    log.push(entry('a'));
    log.push(entry('b'));
    expect(log.remove((one) => one.callId === 'a')).toBe(1);
    expect(log.size).toBe(1);
  });
});
