import { Injectable } from '@nestjs/common';
import { afterAll, describe, expect } from 'vitest';
import {
  CallCompletedEvent,
  CinnoxCallTracker,
  CinnoxDeliveryLog,
  CinnoxReplay,
  OnCallCompleted,
  OnCallStart,
  type CallStartEvent,
} from 'nestjs-cinnox';
import { CinnoxPostgresCallStore, CinnoxPostgresDeliveryLogStore } from 'nestjs-cinnox/postgres';
import { callEndNotification, callStartNotification } from 'nestjs-cinnox/testing';
import { test, type E2eHost } from './support/e2e.fixture.js';
import { dropSchema, postgresAvailable, postgresPool, testSchema } from './support/postgres.js';

const POLL = { timeout: 5000 };
const reachable = await postgresAvailable('the PostgreSQL delivery log e2e tests');

/** Listeners that fail for calls whose id starts with `fail-`, until fixed. */
@Injectable()
class FlakyListeners {
  broken = true;
  readonly starts: CallStartEvent[] = [];
  readonly completed: CallCompletedEvent[] = [];

  @OnCallStart()
  onStart(event: CallStartEvent): void {
    this.starts.push(event);
    if (this.broken && event.callId.startsWith('fail-')) throw new Error(`start listener broken for ${event.callId}`);
  }

  @OnCallCompleted()
  onCompleted(event: CallCompletedEvent): void {
    this.completed.push(event);
    if (this.broken && event.callId.startsWith('fail-')) throw new Error(`completed listener broken for ${event.callId}`);
  }
}

const all = async (host: E2eHost, query: Parameters<CinnoxDeliveryLog['list']>[0] = {}) =>
  (await host.app.get(CinnoxDeliveryLog).list({ limit: 1000, ...query })).entries;

describe.skipIf(!reachable)('the delivery log and the calls in PostgreSQL (real server, real HTTP)', () => {
  const pool = postgresPool();
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool.end();
  });

  test('records the deliveries in PostgreSQL; after the fix a failedOnly replay from there reaches the listener, call.completed as its class', async ({
    startHost,
  }) => {
    const schema = testSchema();
    schemas.push(schema);
    const host = await startHost(
      {
        calls: { track: true, store: new CinnoxPostgresCallStore(pool, schema) },
        deliveryLog: { store: new CinnoxPostgresDeliveryLogStore(pool, schema), flushIntervalMs: 20 },
      },
      { providers: [FlakyListeners] },
    );
    const listeners = host.app.get(FlakyListeners);
    for (const id of ['fail-1', 'fail-2', 'ok-1']) expect((await host.post(callStartNotification({ id }))).status).toBe(200);
    for (const id of ['fail-1', 'ok-1']) expect((await host.post(callEndNotification(id))).status).toBe(200);

    // In the table itself, not a cache: 5 rows, 3 failed.
    await expect.poll(async () => (await pool.query(`SELECT count(*)::int AS n FROM "${schema}".delivery_log`)).rows[0].n, POLL).toBe(5);
    const { rows } = await pool.query(
      `SELECT call_id, outcome FROM "${schema}".delivery_log WHERE outcome = 'failed' ORDER BY received_at`,
    );
    expect(rows).toEqual([
      { call_id: 'fail-1', outcome: 'failed' },
      { call_id: 'fail-2', outcome: 'failed' },
      { call_id: 'fail-1', outcome: 'failed' },
    ]);
    expect((await host.app.get(CinnoxCallTracker).get('ok-1'))?.status).toBe('ended');

    listeners.broken = false;
    const emittedBefore = host.events.length;
    expect(await host.app.get(CinnoxReplay).replay({ failedOnly: true })).toBe(3);
    expect(host.events.slice(emittedBefore).map((event) => [event.name, event.payload.eventId])).toEqual([
      ['call.start', 'call:fail-1:CallStart'],
      ['call.start', 'call:fail-2:CallStart'],
      ['call.end', 'call:fail-1:CallEnd'],
      ['call.completed', 'call:fail-1:completed'],
    ]);
    expect(listeners.starts.filter((event) => event.replayed).map((event) => event.callId)).toEqual(['fail-1', 'fail-2']);
    const replayedCompletion = listeners.completed.find((event) => event.replayed);
    expect(replayedCompletion).toBeInstanceOf(CallCompletedEvent);
    expect(replayedCompletion).toMatchObject({ callId: 'fail-1', endedAt: expect.any(Date), startedAt: expect.any(Date) });
    // No call completed twice: one first completion each, the replay aside.
    expect(
      listeners.completed
        .filter((event) => !event.replayed)
        .map((event) => event.callId)
        .sort(),
    ).toEqual(['fail-1', 'ok-1']);
    await expect.poll(async () => (await all(host, { failedOnly: true })).length, POLL).toBe(0);
    expect(await host.app.get(CinnoxReplay).replay({ failedOnly: true })).toBe(0);
  });
});
