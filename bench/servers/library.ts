import 'reflect-metadata';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  CINNOX_HOOKS,
  CinnoxMemoryCallStore,
  CinnoxMemoryDeliveryLogStore,
  CinnoxModule,
  OnCallStart,
  type CallStartEvent,
} from 'nestjs-cinnox';
import { CINNOX_EVENTS_QUEUE, CinnoxQueueModule } from 'nestjs-cinnox/queue';
import { CinnoxRedisCallStore } from 'nestjs-cinnox/redis';
import { CinnoxPostgresDeliveryLogStore } from 'nestjs-cinnox/postgres';
import { CinnoxOtelModule } from 'nestjs-cinnox/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { AddressInfo } from 'node:net';
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toRedisConnection } from '../../src/queue/redis-connection.js';

// Scenario 3/4: the library as a user sets it up (default options: in-memory dedupe on, no secret).
// Nothing is subscribed, so the CINNOX API at baseUrl is never called. The listener does nothing but
// count, so the runner can check that every notification reached it.
// ADAPTER=express|fastify, PORT (0 = a free port); prints `READY <port>` once listening.
// BENCH_QUEUE=1: queue mode on the machine's Redis (REDIS_URL), on BullMQ keys of its own, removed on exit.
// BENCH_QUEUE_CONCURRENCY: the worker's concurrency (unset: the library's default).
// BENCH_TRACKER=memory|redis: the call tracker on, with that store (Redis keys of its own, removed on exit).
// BENCH_HOOKS=all: every hook's route, not only the call hook's.
// BENCH_DELIVERY_LOG=memory: the delivery log on, in memory (the library's own cost of logging).
// BENCH_DELIVERY_LOG=postgres: the delivery log on, in the machine's PostgreSQL (DATABASE_URL), in a schema of
// its own, dropped on exit.
// BENCH_POSTGRES_LOAD=1: the delivery log off, but a forked process (postgres-load.js) has the machine's PostgreSQL
// insert one log row per request this server answers: PostgreSQL's share of the log's cost, alone.
// BENCH_TRACING=otlp: tracing on (nestjs-cinnox/otel), spans batched to an OTLP/HTTP endpoint nobody listens on
// (the discard port): what tracing costs the route when no collector is reachable.

const QUEUE = process.env.BENCH_QUEUE === '1';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `cinnox-bench-${randomUUID()}`;
const queueImports = QUEUE
  ? [
      BullModule.forRoot({ connection: { ...toRedisConnection(REDIS_URL), enableOfflineQueue: false }, prefix: PREFIX }),
      CinnoxQueueModule.forRoot(process.env.BENCH_QUEUE_CONCURRENCY ? { concurrency: Number(process.env.BENCH_QUEUE_CONCURRENCY) } : {}),
    ]
  : [];
const TRACKER = process.env.BENCH_TRACKER;
const trackerRedis = TRACKER === 'redis' ? new Redis(REDIS_URL, { maxRetriesPerRequest: 1 }) : undefined;
const calls = TRACKER
  ? {
      calls: {
        track: true,
        store: trackerRedis ? new CinnoxRedisCallStore(trackerRedis, `${PREFIX}:calls:`) : new CinnoxMemoryCallStore(),
      },
    }
  : {};
const hooks = process.env.BENCH_HOOKS === 'all' ? { hooks: CINNOX_HOOKS } : {};
const LOG_SCHEMA = `cinnox_bench_${randomBytes(6).toString('hex')}`;
const logPool =
  process.env.BENCH_DELIVERY_LOG === 'postgres'
    ? new pg.Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', max: 4 })
    : undefined;
const deliveryLog = logPool
  ? { deliveryLog: { store: new CinnoxPostgresDeliveryLogStore(logPool, LOG_SCHEMA) } }
  : process.env.BENCH_DELIVERY_LOG === 'memory'
    ? { deliveryLog: { store: new CinnoxMemoryDeliveryLogStore() } }
    : {};

const tracerProvider =
  process.env.BENCH_TRACING === 'otlp'
    ? new BasicTracerProvider({
        spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: 'http://127.0.0.1:9/v1/traces' }))],
      })
    : undefined;
const tracingImports = tracerProvider ? [CinnoxOtelModule.forRoot({ tracerProvider })] : [];

let received = 0;

const postgresLoad =
  process.env.BENCH_POSTGRES_LOAD === '1' ? fork(join(dirname(fileURLToPath(import.meta.url)), 'postgres-load.js')) : undefined;
if (postgresLoad) {
  await new Promise((resolve) => postgresLoad.once('message', resolve));
  let told = 0;
  setInterval(() => {
    if (received > told) postgresLoad.send(received - told);
    told = received;
  }, 100).unref();
}

@Injectable()
class CallStartListener {
  @OnCallStart()
  handle(_event: CallStartEvent): void {
    received++;
  }
}

@Module({
  imports: [
    EventEmitterModule.forRoot(),
    CinnoxModule.forRoot({ baseUrl: 'http://127.0.0.1:9', appId: 'bench', appToken: 'bench-token', ...calls, ...hooks, ...deliveryLog }),
    ...queueImports,
    ...tracingImports,
  ],
  providers: [CallStartListener],
})
class LibraryModule {}

const app: INestApplication =
  process.env.ADAPTER === 'fastify'
    ? await NestFactory.create(LibraryModule, new FastifyAdapter(), { logger: false })
    : await NestFactory.create(LibraryModule, { logger: false });

let closing = false;
function shutdown(): void {
  if (closing) return;
  closing = true;
  setTimeout(() => process.exit(0), 8000).unref();
  drained()
    .then(() => process.stdout.write(`EVENTS ${received}\n`))
    .then(() => app.close())
    .then(removeQueueKeys)
    .then(dropLogSchema)
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
}
// In queue mode the worker may still hold jobs when the load stops; count events once it is done.
async function drained(): Promise<void> {
  if (!QUEUE) return;
  const queue = app.get<Queue>(getQueueToken(CINNOX_EVENTS_QUEUE));
  for (let i = 0; i < 100; i++) {
    const { waiting, active, delayed } = await queue.getJobCounts('waiting', 'active', 'delayed');
    if (waiting + active + delayed === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function dropLogSchema(): Promise<void> {
  if (postgresLoad?.connected) {
    const gone = new Promise((resolve) => postgresLoad.once('exit', resolve));
    postgresLoad.disconnect();
    await gone;
  }
  if (!logPool) return;
  await logPool.query(`DROP SCHEMA IF EXISTS "${LOG_SCHEMA}" CASCADE`);
  await logPool.end();
}

async function removeQueueKeys(): Promise<void> {
  await trackerRedis?.quit();
  if (!QUEUE && !trackerRedis) return;
  const redis = new Redis(REDIS_URL);
  for (let cursor = '0'; ;) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    if ((cursor = next) === '0') break;
  }
  await redis.quit();
}

// The runner asks for the queue's backlog once the load stops, to time how long the worker takes to drain it.
process.on('SIGUSR1', () => {
  if (!QUEUE) return void process.stdout.write('BACKLOG 0\n');
  const queue = app.get<Queue>(getQueueToken(CINNOX_EVENTS_QUEUE));
  queue.getJobCounts('waiting', 'active', 'delayed').then(
    ({ waiting = 0, active = 0, delayed = 0 }) => process.stdout.write(`BACKLOG ${waiting + active + delayed}\n`),
    () => process.stdout.write('BACKLOG -1\n'),
  );
});

// The memory run starts this server with --expose-gc and asks for a full GC and its heap now and then.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  process.stdout.write(`HEAP ${(heapUsed / 2 ** 20).toFixed(1)} ${(rss / 2 ** 20).toFixed(1)}\n`);
});

process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
// Started by bench/run.js: stdin is a pipe from the runner, so its end means the runner is gone.
if (process.env.BENCH_EXIT_WITH_PARENT === '1') process.stdin.on('end', shutdown).resume();

await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.stdout.write(`READY ${(app.getHttpServer().address() as AddressInfo).port}\n`);
