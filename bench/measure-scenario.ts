import { DURATION, PROFILE, WARMUP } from './bench-settings.js';
import { message, round, sleep } from './bench-log.js';
import { startServer, type Server } from './child-server.js';
import { cpuShare, cpuSnapshot, rssMb } from './cpu-share.js';
import { count2xx, latencyStats, load, probe, sampleNon2xx, statusCodes, type LoadRun } from './load.js';
import { redisPerJob, redisSnapshot } from './redis-stats.js';
import type { Scenario, ScenarioResult } from './scenarios.js';

export async function measure(scenario: Scenario): Promise<ScenarioResult> {
  const base = { id: scenario.id, name: scenario.name, server: scenario.server, adapter: scenario.adapter ?? null, body: scenario.body };
  let server: Server | undefined;
  try {
    server = await startServer(
      scenario.server,
      scenario.adapter,
      scenario.queue,
      PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${PROFILE}`, `--cpu-prof-name=${scenario.id}.cpuprofile`] : [],
      scenario.env,
    );
    await probe(server.port, scenario.body);
    const warm = await load(server.port, scenario.body, { duration: WARMUP }, WARMUP + 15);
    let peak = rssMb(server.child.pid);
    const redisBefore = scenario.queue ? await redisSnapshot() : undefined;
    const cpuBefore = cpuSnapshot(server.child.pid);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server!.child.pid))), 500);
    let measured: LoadRun;
    const latencies: number[] = [];
    try {
      measured = await load(server.port, scenario.body, { duration: DURATION }, DURATION + 15, { latencies });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rssMb(server.child.pid));
    const cpu = cpuShare(cpuBefore, cpuSnapshot(server.child.pid));
    const { result } = measured;
    const drain = scenario.queue ? await drainTime(server) : {};
    // Commands of the measured run and of the drain, per job accepted in the measured run.
    const redisAfter = redisBefore ? await redisSnapshot() : undefined;
    const redis = redisBefore && redisAfter ? redisPerJob(redisBefore, redisAfter, count2xx(result)) : undefined;
    const non2xxSample = result.non2xx > 0 ? await sampleNon2xx(server.port, scenario.body) : null;
    const stderr = server.stderr();
    const eventsReceived = await server.stop();
    const emits = scenario.server !== 'raw-http' && scenario.body === 'notification';
    const notifications2xx = emits ? 1 + count2xx(warm.result) + count2xx(result) : 0;
    const fine = latencyStats(latencies);
    return {
      ...base,
      ok: result.non2xx === 0 && result.errors === 0 && result.timeouts === 0 && !measured.cutShort,
      ...(measured.cutShort ? { failed: `measured run stopped by the time limit (${DURATION + 15} s)` } : {}),
      reqPerSec: round(result.requests.average, 0),
      p50Ms: fine?.p50Ms ?? round(result.latency.p50),
      p99Ms: fine?.p99Ms ?? round(result.latency.p99),
      meanMs: fine?.meanMs ?? round(result.latency.average),
      autocannonP50Ms: result.latency.p50,
      autocannonP99Ms: result.latency.p99,
      peakRssMb: round(peak, 0),
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes: statusCodes(result),
      non2xxSample,
      ...(scenario.server === 'raw-http' ? {} : { eventsReceived, notifications2xx }),
      ...(emits && eventsReceived !== null ? { eventsNotCounted: eventsReceived - notifications2xx } : {}),
      ...drain,
      ...(drain.backlogAtEnd !== undefined && notifications2xx > 0
        ? { workerKeptUp: round(1 - drain.backlogAtEnd / notifications2xx) }
        : {}),
      ...(cpu ? { cpu } : {}),
      ...(redis ? { redis } : {}),
      ...(stderr ? { serverStderr: stderr.slice(-1000) } : {}),
    };
  } catch (error) {
    const stderr = server?.stderr();
    await server?.stop();
    return { ...base, ok: false, failed: message(error), ...(stderr ? { serverStderr: stderr.slice(-1000) } : {}) };
  }
}

/** Queue mode: the backlog the load left behind and how long the worker takes to work it off (60 s at most). */
async function drainTime(server: Server): Promise<{ backlogAtEnd?: number; drainSeconds?: number | null }> {
  const started = Date.now();
  const backlogAtEnd = await server.queueBacklog();
  if (backlogAtEnd === undefined || backlogAtEnd < 0) return {};
  for (let left = backlogAtEnd; left > 0; left = (await server.queueBacklog()) ?? left) {
    if (Date.now() - started > 60_000) return { backlogAtEnd, drainSeconds: null };
    await sleep(100);
  }
  return { backlogAtEnd, drainSeconds: round((Date.now() - started) / 1000, 1) };
}
