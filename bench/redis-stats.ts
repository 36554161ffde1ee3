import { Redis } from 'ioredis';
import { round } from './bench-log.js';

// Queue mode's cost on the Redis side: the commands Redis ran (INFO commandstats, Lua scripts' inner
// commands included) and the CPU it used (INFO cpu) between two snapshots, per job stored in between.

export interface RedisSnapshot {
  calls: Map<string, number>;
  cpuSeconds: number;
}

export interface RedisPerJob {
  jobs: number;
  /** Every command Redis ran, inner commands of scripts included, per job. */
  commandsPerJob: number;
  /** Script calls (EVALSHA / EVAL) per job: each is one round trip's worth of work for BullMQ. */
  scriptCallsPerJob: number;
  /** Redis's own CPU (user + system) per job, in µs. */
  redisCpuUsPerJob: number;
  /** The most frequent commands, per job. */
  top: { command: string; perJob: number }[];
}

export async function redisSnapshot(url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Promise<RedisSnapshot | undefined> {
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const [stats, cpu] = [await client.info('commandstats'), await client.info('cpu')];
    const calls = new Map<string, number>();
    for (const [, command, count] of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(command!, Number(count));
    const seconds = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(cpu)?.[1] ?? 0);
    return { calls, cpuSeconds: seconds('used_cpu_user') + seconds('used_cpu_sys') };
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

export function redisPerJob(before: RedisSnapshot, after: RedisSnapshot, jobs: number): RedisPerJob | undefined {
  if (jobs <= 0) return undefined;
  // The snapshots' own INFO calls are not the queue's work.
  const delta = [...after.calls]
    .filter(([command]) => command !== 'info')
    .map(([command, count]) => ({ command, count: count - (before.calls.get(command) ?? 0) }))
    .filter(({ count }) => count > 0);
  const total = delta.reduce((sum, { count }) => sum + count, 0);
  const scripts = delta.filter(({ command }) => command === 'evalsha' || command === 'eval').reduce((sum, { count }) => sum + count, 0);
  return {
    jobs,
    commandsPerJob: round(total / jobs, 1),
    scriptCallsPerJob: round(scripts / jobs, 2),
    redisCpuUsPerJob: round(((after.cpuSeconds - before.cpuSeconds) * 1e6) / jobs, 0),
    top: delta
      .sort((a, b) => b.count - a.count)
      .slice(0, 8)
      .map(({ command, count }) => ({ command, perJob: round(count / jobs, 2) })),
  };
}
