import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { CinnoxCallTracker, CinnoxCoverage, CinnoxDeliveryLog, CinnoxModule, CinnoxSubscriptionService } from 'nestjs-cinnox';
import { CinnoxPostgresCallStore, CinnoxPostgresCoverageStore, CinnoxPostgresDeliveryLogStore } from 'nestjs-cinnox/postgres';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { Pool } from 'pg';

// The postgres entry in a NestJS 11 CommonJS app, on the pg driver and the real PostgreSQL (DATABASE_URL):
// a call's deliveries land in the delivery log table, the call in the call table, the heartbeats in coverage's.

jest.setTimeout(60_000);

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('postgres entry on NestJS 11', () => {
  const schema = `cinnox_consumer_${randomBytes(6).toString('hex')}`;
  let pool: Pool;
  let simulator: CinnoxSimulator;
  let app: INestApplication;

  beforeAll(async () => {
    pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
    simulator = await CinnoxSimulator.start();
    const deliveryLog = new CinnoxPostgresDeliveryLogStore(pool, schema);
    // The log's first write would create its table; the test reads the table before that may have happened.
    await deliveryLog.migrate();
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventEmitterModule.forRoot(),
        CinnoxModule.forRoot({
          baseUrl: simulator.baseUrl,
          appId: simulator.appId,
          appToken: simulator.appToken,
          hooks: ['call'],
          calls: { track: true, store: new CinnoxPostgresCallStore(pool, schema) },
          deliveryLog: { store: deliveryLog, flushIntervalMs: 20 },
          coverage: { store: new CinnoxPostgresCoverageStore(pool, schema) },
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await simulator?.stop();
    await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.end();
  });

  it('logs a call start and end in PostgreSQL and keeps the call there', async () => {
    await app.get(CinnoxSubscriptionService).subscribe(`${await app.getUrl()}/cinnox/webhooks/call-events`);
    const call = await simulator.placeCall();
    expect(call.status).toBe(200);
    expect((await simulator.endCall(call.callId)).status).toBe(200);

    const logged = async () => (await pool.query(`SELECT outcome FROM "${schema}".delivery_log WHERE call_id = $1`, [call.callId])).rows;
    for (const deadline = Date.now() + 10_000; (await logged()).length < 2 && Date.now() < deadline; )
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await logged()).toEqual([{ outcome: 'delivered' }, { outcome: 'delivered' }]);
    const page = await app.get(CinnoxDeliveryLog).list({ limit: 10 });
    expect(page.entries.map((entry) => entry.callId)).toEqual([call.callId, call.callId]);
    expect(await app.get(CinnoxCallTracker).get(call.callId)).toMatchObject({ id: call.callId, status: 'ended' });
  });

  it('writes its heartbeats to PostgreSQL and lists no gap while it runs', async () => {
    const beats = async () =>
      Number((await pool.query(`SELECT count(*)::int AS n FROM "${schema}".coverage_heartbeats`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n);
    for (const deadline = Date.now() + 10_000; (await beats()) < 1 && Date.now() < deadline; )
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await beats()).toBeGreaterThanOrEqual(1);
    expect(await app.get(CinnoxCoverage).gaps()).toEqual([]);
  });
});
