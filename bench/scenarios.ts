import type { CpuShare } from './cpu-share.js';
import type { RedisPerJob } from './redis-stats.js';

export type Adapter = 'express' | 'fastify';
/** What each request carries: a call notification, a challenge, or another hook's notification (on its own route). */
export type BodyKind = 'notification' | 'challenge' | 'recording' | 'inquiry' | 'outbound-sms';
export type ServerName = 'raw-http' | 'bare-nest' | 'library' | 'sample';

export interface Scenario {
  id: string;
  name: string;
  server: ServerName;
  adapter?: Adapter;
  body: BodyKind;
  /** The library in queue mode (BullMQ on the machine's Redis) instead of inline. */
  queue?: boolean;
  /** Extra environment of the server (library server: BENCH_TRACKER=memory|redis, BENCH_HOOKS=all, BENCH_DELIVERY_LOG=memory|postgres, BENCH_POSTGRES_LOAD=1, BENCH_TRACING=otlp). */
  env?: Record<string, string>;
}

export interface ScenarioResult {
  id: string;
  name: string;
  server: ServerName;
  adapter: Adapter | null;
  body: BodyKind;
  ok: boolean;
  failed?: string;
  reqPerSec?: number;
  /** Percentiles of the 2xx response times autocannon measured (hrtime), at 0.01 ms resolution. */
  p50Ms?: number;
  p99Ms?: number;
  meanMs?: number;
  /** autocannon's own percentiles: its histogram truncates to whole milliseconds. */
  autocannonP50Ms?: number;
  autocannonP99Ms?: number;
  peakRssMb?: number;
  requests?: number;
  non2xx?: number;
  errors?: number;
  timeouts?: number;
  statusCodes?: Record<string, number>;
  non2xxSample?: { status: number; body: string } | null;
  /** Queue mode: jobs still waiting, running or delayed when the measured load stopped. */
  backlogAtEnd?: number;
  /** Queue mode: seconds the worker then took to drain that backlog (null: not drained within 60 s). */
  drainSeconds?: number | null;
  /**
   * Queue mode: share of the accepted jobs the worker completed while the load ran, 1 - backlogAtEnd /
   * notifications2xx (warm-up included): below 1, the queue grew (goal >= 0.9).
   */
  workerKeptUp?: number | null;
  /** `call.start` events the server's listener received over its life (probe, warm-up and measured run). */
  eventsReceived?: number | null;
  /** 2xx answers to notifications over the server's life, to compare with eventsReceived. */
  notifications2xx?: number;
  /**
   * eventsReceived - notifications2xx: each load run ends with up to `connections` requests in flight,
   * which the server handles but autocannon does not count, so 0 ..= 2 x connections is expected.
   */
  eventsNotCounted?: number;
  serverStderr?: string;
  /**
   * CPU of the whole machine during the measured run, in % of all cores: the runner (autocannon),
   * the server, everything else (user + system time of other processes: noise), and steal (hypervisor).
   */
  cpu?: CpuShare;
  /** Queue mode: Redis's commands and CPU per job stored in the measured run. */
  redis?: RedisPerJob;
  /** With several rounds: req/s and p99 of each round; the result shown is the round with the median req/s. */
  roundsReqPerSec?: number[];
  roundsP99Ms?: number[];
}

// Scenarios compared with each other run next to each other (one adapter's, then the other's), so a slow
// spell of the machine hits both members of a pair in the same round.
const kinds: [id: string, name: string, rest: Omit<Scenario, 'id' | 'name' | 'adapter'>][] = [
  ['bare', 'bare NestJS + ValidationPipe', { server: 'bare-nest', body: 'notification' }],
  ['library', 'nestjs-cinnox notifications', { server: 'library', body: 'notification' }],
  ['sample', 'sample app as deployed (dist/main.js)', { server: 'sample', body: 'notification' }],
  ['queue', 'nestjs-cinnox notifications, queue mode', { server: 'library', body: 'notification', queue: true }],
  [
    'tracker-memory',
    'nestjs-cinnox notifications, call tracker on (memory store)',
    { server: 'library', body: 'notification', env: { BENCH_TRACKER: 'memory' } },
  ],
  [
    'tracker-redis',
    'nestjs-cinnox notifications, call tracker on (Redis store)',
    { server: 'library', body: 'notification', env: { BENCH_TRACKER: 'redis' } },
  ],
  [
    'dlog-memory',
    'nestjs-cinnox notifications, delivery log on (memory store)',
    { server: 'library', body: 'notification', env: { BENCH_DELIVERY_LOG: 'memory' } },
  ],
  [
    'dlog-postgres',
    'nestjs-cinnox notifications, delivery log on (PostgreSQL store)',
    { server: 'library', body: 'notification', env: { BENCH_DELIVERY_LOG: 'postgres' } },
  ],
  [
    'postgres-busy',
    'nestjs-cinnox notifications, delivery log off, PostgreSQL inserting a log row per request (another process)',
    { server: 'library', body: 'notification', env: { BENCH_POSTGRES_LOAD: '1' } },
  ],
  [
    'tracing',
    'nestjs-cinnox notifications, tracing on (nestjs-cinnox/otel, batches to an unreachable OTLP endpoint)',
    { server: 'library', body: 'notification', env: { BENCH_TRACING: 'otlp' } },
  ],
  ['challenge', 'nestjs-cinnox challenge', { server: 'library', body: 'challenge' }],
];

export const scenarios: Scenario[] = [
  { id: 'raw', name: 'raw node:http (JSON.parse + answer)', server: 'raw-http', body: 'notification' },
  ...(['express', 'fastify'] as const).flatMap((adapter) =>
    kinds.map(([id, name, rest]): Scenario => ({ id: `${id}-${adapter}`, name: `${name}, ${adapter}`, adapter, ...rest })),
  ),
  // Every hook's route against the call route of the same host (all hooks on), Fastify: the adapter with the least overhead.
  ...(['notification', 'recording', 'inquiry', 'outbound-sms'] as const).map((body): Scenario => ({
    id: `hook-${body === 'notification' ? 'call' : body}-fastify`,
    name: `nestjs-cinnox ${body === 'notification' ? 'call' : body} hook route, all hooks on, fastify`,
    server: 'library',
    adapter: 'fastify',
    body,
    env: { BENCH_HOOKS: 'all' },
  })),
];
