import type { CpuShare } from './cpu-share.js';

export type Adapter = 'express' | 'fastify';
export type BodyKind = 'notification' | 'challenge';
export type ServerName = 'raw-http' | 'bare-nest' | 'library' | 'sample';

export interface Scenario {
  id: string;
  name: string;
  server: ServerName;
  adapter?: Adapter;
  body: BodyKind;
  /** The library in queue mode (BullMQ on the machine's Redis) instead of inline. */
  queue?: boolean;
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
}

/** One scenario per adapter: `id` and `name` get the adapter's name appended. */
const perAdapter = (id: string, name: string, rest: Omit<Scenario, 'id' | 'name' | 'adapter'>): Scenario[] =>
  (['express', 'fastify'] as const).map((adapter) => ({ id: `${id}-${adapter}`, name: `${name}, ${adapter}`, adapter, ...rest }));

export const scenarios: Scenario[] = [
  { id: 'raw', name: 'raw node:http (JSON.parse + answer)', server: 'raw-http', body: 'notification' },
  ...perAdapter('bare', 'bare NestJS + ValidationPipe', { server: 'bare-nest', body: 'notification' }),
  ...perAdapter('library', 'nestjs-cinnox notifications', { server: 'library', body: 'notification' }),
  ...perAdapter('sample', 'sample app as deployed (dist/main.js)', { server: 'sample', body: 'notification' }),
  ...perAdapter('challenge', 'nestjs-cinnox challenge', { server: 'library', body: 'challenge' }),
  ...perAdapter('queue', 'nestjs-cinnox notifications, queue mode', { server: 'library', body: 'notification', queue: true }),
];
