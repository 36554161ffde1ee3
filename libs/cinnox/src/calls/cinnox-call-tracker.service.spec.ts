import { Logger } from '@nestjs/common';
import { CinnoxEventObserver } from '../core/cinnox-event-observer.js';
import { CinnoxListenerDispatch } from '../core/cinnox-listener-dispatch.js';
import { CinnoxCallFeed } from './cinnox-call-feed.js';
import 'reflect-metadata';
import { CINNOX_HOOK_DEFINITIONS } from '../hooks/cinnox-hooks.registry.js';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { describe, expect, it, vi } from 'vitest';
import { resolveCinnoxOptions } from '../cinnox-options.provider.js';
import { CINNOX_CLOCK, CINNOX_RESOLVED_OPTIONS, CINNOX_TRACER } from '../cinnox.constants.js';
import { CinnoxNoopTracer } from '../core/cinnox-noop.tracer.js';
import { CinnoxEventPublisher } from '../core/cinnox-event.publisher.js';
import { CinnoxEvent } from '../domain/cinnox-event.js';
import type { CinnoxCallsOptions } from '../cinnox-options.interface.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import type { CinnoxCallMessageDto } from '../hooks/call/call-message.dto.js';
import { CinnoxCallStaleSweeper } from './cinnox-call-stale.sweeper.js';
import { CinnoxCallTracker } from './cinnox-call-tracker.service.js';
import { CinnoxCallStore } from '../stores/cinnox-call.store.js';
import { CinnoxMemoryCallStore } from './cinnox-memory-call.store.js';

const startOf = (id: string) =>
  ({ id, serviceId: 'svc', status: 'CallStart', caller: { eid: 'a', number: 852 }, callees: [{ number: '+1' }] }) as CinnoxCallMessageDto;
const endOf = (id: string) => ({ id, serviceId: 'svc', status: 'CallEnd' }) as CinnoxCallMessageDto;

/** The publisher, tracker and sweeper on the in-memory store, a hand-set clock, every event recorded. */
async function tracked(calls: CinnoxCallsOptions = {}) {
  const clock = { now: 0 };
  const options = resolveCinnoxOptions({ baseUrl: 'http://x', appId: 'a', appToken: 't', calls: { track: true, ...calls } });
  const moduleRef = await Test.createTestingModule({
    imports: [EventEmitterModule.forRoot()],
    providers: [
      { provide: CINNOX_RESOLVED_OPTIONS, useValue: options },
      { provide: CINNOX_CLOCK, useValue: () => clock.now },
      { provide: CINNOX_TRACER, useValue: new CinnoxNoopTracer() },
      { provide: CinnoxCallStore, useValue: options.calls.store },
      CinnoxMetrics,
      CinnoxCallTracker,
      CinnoxListenerDispatch,
      CinnoxEventPublisher,
      { provide: CinnoxEventObserver, useClass: CinnoxCallFeed },
      CinnoxCallStaleSweeper,
    ],
  }).compile();
  const events: { name: string; payload: any }[] = [];
  moduleRef.get(EventEmitter2).onAny((name: string | string[], payload: unknown) => events.push({ name: String(name), payload }));
  const publisher = moduleRef.get(CinnoxEventPublisher);
  return {
    emitter: moduleRef.get(EventEmitter2),
    clock,
    events,
    named: (name: string) => events.filter((event) => event.name === name).map((event) => event.payload),
    tracker: moduleRef.get(CinnoxCallTracker),
    sweeper: moduleRef.get(CinnoxCallStaleSweeper),
    metrics: () => moduleRef.get(CinnoxMetrics).registry.metrics(),
    recording: (body: object, at: number) => publisher.publish(CINNOX_HOOK_DEFINITIONS.recording, body, new Date(at)),
    publish: (message: CinnoxCallMessageDto, at: number, deliveryId?: string) => {
      clock.now = at;
      return publisher.publish(CINNOX_HOOK_DEFINITIONS.call, { message }, new Date(at), { rethrow: deliveryId !== undefined, deliveryId });
    },
  };
}

describe('CinnoxCallTracker', () => {
  it('keeps at most 10 callees and 128 characters a party string in the tracked record; call.start carries them all', async () => {
    const t = await tracked();
    const logged = vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const long = 'e'.repeat(300);
    const callees = Array.from({ length: 120 }, (_, i) => ({ eid: `${long}${i}`, number: `+${i}` }));
    void t.publish(
      { id: 'big', serviceId: 'svc', status: 'CallStart', caller: { eid: long, number: 852 }, callees } as CinnoxCallMessageDto,
      1000,
    );

    const [start] = t.named(CinnoxEvent.CallStart);
    expect(start.callees).toHaveLength(120);
    expect(start.caller.eid).toHaveLength(300);
    const record = (await t.tracker.get('big'))!;
    expect(record.callees).toHaveLength(10);
    expect(record.callees.map((party) => party.eid!.length)).toEqual(Array(10).fill(128));
    expect(record.callees[3]).toMatchObject({ number: '+3' });
    expect(record.caller).toEqual({ eid: 'e'.repeat(128), number: '852' });
    // What one tracked call may hold, whatever the payload: a few KB, not the body's 40.
    expect(JSON.stringify(record).length).toBeLessThan(4 * 1024);
    expect(logged.mock.calls.map(([message]) => message)).toEqual([
      'Call big is tracked with at most 10 of its 120 callee(s) and party strings cut to 128 characters; call.start carries them all.',
    ]);
    logged.mockRestore();
  });

  it('emits call.completed synchronously after call.end, with both halves and the duration', async () => {
    const t = await tracked();
    void t.publish(startOf('c1'), 1000);
    void t.publish(endOf('c1'), 61_000);

    // No await: on the in-memory store nothing waits.
    expect(t.events.map((event) => event.name)).toEqual(['call.start', 'call.end', 'call.completed']);
    const [completed] = t.named(CinnoxEvent.CallCompleted);
    expect(completed).toMatchObject({
      callId: 'c1',
      serviceId: 'svc',
      caller: { eid: 'a', number: '852' },
      callees: [{ number: '+1' }],
      startedAt: new Date(1000),
      endedAt: new Date(61_000),
      durationMs: 60_000,
      eventId: 'call:c1:completed',
    });
    expect(await t.tracker.get('c1')).toMatchObject({ status: 'ended', durationMs: 60_000, recordingStatus: null });
    const metrics = await t.metrics();
    expect(metrics).toContain('cinnox_calls_completed_total 1');
    expect(metrics).toContain('cinnox_call_duration_seconds_bucket{le="60"} 1');
    expect(metrics).toContain('cinnox_calls_active 0');
  });

  it('completes an end that came first with no duration; the late start fills in the record, emitting nothing more', async () => {
    const t = await tracked();
    await t.publish(endOf('c2'), 5000);
    await t.publish(startOf('c2'), 6000);
    await t.publish(endOf('c2'), 7000);

    expect(t.named(CinnoxEvent.CallCompleted)).toHaveLength(1);
    expect(t.named(CinnoxEvent.CallCompleted)[0]).toMatchObject({ caller: null, callees: [], startedAt: null, durationMs: null });
    expect(await t.tracker.get('c2')).toMatchObject({ status: 'ended', caller: { eid: 'a' }, startedAt: new Date(6000), durationMs: null });
  });

  it("writes a call's halves to an async store in the order they were heard: an end right after a start completes the call with its parties", async () => {
    // An async store whose first write (the start) is held until the end has been published too: without
    // ordering, the end would reach the store first and complete the call with no parties.
    let releaseStart!: () => void;
    const held = new Promise<void>((resolve) => (releaseStart = resolve));
    const memory = new CinnoxMemoryCallStore();
    const slowStart = Object.assign(Object.create(memory) as CinnoxMemoryCallStore, {
      start: async (...args: Parameters<CinnoxMemoryCallStore['start']>) => {
        await held;
        return memory.start(...args);
      },
      end: async (...args: Parameters<CinnoxMemoryCallStore['end']>) => memory.end(...args),
    }) as CinnoxCallStore;
    const t = await tracked({ store: slowStart });
    const started = t.publish(startOf('c9'), 1000);
    const ended = t.publish(endOf('c9'), 4000);
    releaseStart();
    await Promise.all([started, ended]);

    expect(t.named(CinnoxEvent.CallCompleted)).toEqual([
      expect.objectContaining({ callId: 'c9', caller: { eid: 'a', number: '852' }, durationMs: 3000 }),
    ]);
  });

  it('counts active calls in the gauge, stale ones excluded, and lists them', async () => {
    const t = await tracked({ maxCallDurationMs: 1000 });
    await t.publish(startOf('x'), 0);
    await t.publish(startOf('y'), 900);
    expect(await t.metrics()).toContain('cinnox_calls_active 2');

    t.clock.now = 1500;
    await t.sweeper.sweep();
    expect(t.named(CinnoxEvent.CallStale)).toEqual([
      expect.objectContaining({ callId: 'x', startedAt: new Date(0), staleAt: new Date(1500) }),
    ]);
    expect(await t.metrics()).toContain('cinnox_calls_active 1');
    expect(await t.metrics()).toContain('cinnox_calls_stale_total 1');
    expect((await t.tracker.list({ status: 'stale' })).map((call) => call.id)).toEqual(['x']);
    expect((await t.tracker.list()).map((call) => call.id)).toEqual(['y', 'x']);
    const first = await t.tracker.page({ limit: 1 });
    expect(first.records.map((call) => call.id)).toEqual(['y']);
    expect((await t.tracker.page({ limit: 1, cursor: first.nextCursor })).records.map((call) => call.id)).toEqual(['x']);

    await t.sweeper.sweep();
    expect(t.named(CinnoxEvent.CallStale)).toHaveLength(1);
  });

  it('completes a stale call when its end arrives late', async () => {
    const t = await tracked({ maxCallDurationMs: 1000 });
    await t.publish(startOf('late'), 0);
    t.clock.now = 2000;
    await t.sweeper.sweep();
    await t.publish(endOf('late'), 9000);

    expect(t.named(CinnoxEvent.CallCompleted)).toEqual([expect.objectContaining({ callId: 'late', durationMs: 9000 })]);
    expect(await t.tracker.get('late')).toMatchObject({ status: 'ended' });
    expect(await t.metrics()).toContain('cinnox_calls_active 0');
  });

  it('repeats call.completed on a retry of the same queue delivery only until every completion listener took it', async () => {
    const t = await tracked();
    let failures = 1;
    t.emitter.on(CinnoxEvent.CallCompleted, () => {
      if (failures-- > 0) throw new Error('listener down');
    });
    await t.publish(startOf('q'), 0, 'job-start');

    await expect(t.publish(endOf('q'), 10, 'job-end')).rejects.toThrow('1 listener(s) failed for event call:q:CallEnd');
    await t.publish(endOf('q'), 20, 'job-end'); // BullMQ's retry of the failed job
    await t.publish(endOf('q'), 30, 'job-end'); // a later retry (e.g. a call.end listener failed): confirmed, so nothing
    await t.publish(endOf('q'), 40, 'another-job');
    await t.publish(endOf('q'), 50);

    const completed = t.named(CinnoxEvent.CallCompleted);
    expect(completed.map((event) => [event.eventId, event.endedAt])).toEqual([
      ['call:q:completed', new Date(10)],
      ['call:q:completed', new Date(10)],
    ]);
    expect(await t.metrics()).toContain('cinnox_calls_completed_total 1');
  });

  it('refuses queries while off, naming the option to set', async () => {
    const off = new CinnoxCallTracker(
      resolveCinnoxOptions({ baseUrl: 'http://x', appId: 'a', appToken: 't' }),
      {} as CinnoxCallStore,
      new CinnoxMetrics(),
    );
    await expect(off.get('x')).rejects.toThrow(/calls: \{ track: true \}/);
  });

  // A caller's mistake, not the module's: the error names the argument and never sends anyone to forRoot().
  it.each([
    [
      'query.limit',
      { limit: 0 },
      'CinnoxCallTracker.list() argument "query.limit" must be a whole number from 1 to 1000, got 0. Fix the call.',
    ],
    [
      'query.status',
      { status: 'done' },
      'CinnoxCallTracker.list() argument "query.status" must be "active", "ended" or "stale", got "done". Fix the call.',
    ],
    ['query', null, 'CinnoxCallTracker.list() argument "query" must be an object such as { status, limit }, got null. Fix the call.'],
    [
      'query.from',
      { from: new Date('nope') },
      /CinnoxCallTracker.list\(\) argument "query.from" must be a valid Date, got .*Fix the call./,
    ],
    ['query.to', { to: '2026-01-01' }, /CinnoxCallTracker.list\(\) argument "query.to" must be a valid Date, got .*Fix the call./],
    ['query.party', { party: '' }, /CinnoxCallTracker.list\(\) argument "query.party" must be a non-empty string/],
    ['query.cursor', { cursor: 'not-ours' }, /CinnoxCallTracker.list\(\) argument "query.cursor" must be a previous page's nextCursor/],
  ])('list() refuses a bad %s with an error naming the argument', async (argument, query, message) => {
    const t = await tracked();
    const error = await t.tracker.list(query as never).catch((refused: unknown) => refused);
    expect(error).toBeInstanceOf(CinnoxOptionsError);
    expect(error).toMatchObject({ option: argument });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/forRoot|CinnoxModule option/);
  });

  it("records a call recording's outcome on its call, synchronously, and ignores conferences and unknown statuses", async () => {
    const t = await tracked();
    const record = (body: object, at: number) => {
      t.clock.now = at;
      return t.recording(body, at);
    };
    void t.publish(startOf('c9'), 1000);
    void t.publish(endOf('c9'), 2000);
    void record({ type: 'message', message: { type: 'conference', status: 'fail', id: 'c9' } }, 2500);
    void record({ type: 'message', message: { type: 'call', status: 'partial', id: 'c9' } }, 2600);
    expect((await t.tracker.get('c9'))?.recordingStatus).toBeNull();
    void record({ type: 'message', message: { type: 'call', status: 'success', id: 'c9' } }, 3000);
    expect((await t.tracker.get('c9'))?.recordingStatus).toBe('success');
    expect(t.named(CinnoxEvent.CallCompleted)).toHaveLength(1);
  });
});
