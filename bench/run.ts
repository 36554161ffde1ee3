import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

// `npm run bench`: every server runs in a process of its own (dist-bench/servers/*.js), autocannon runs
// here, on 127.0.0.1 only. Every load run, every wait and the whole run are time-bounded, and every child
// is killed when this process ends, however it ends.

const here = dirname(fileURLToPath(import.meta.url)); // dist-bench/
const root = join(here, '..');

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${process.env[name]}"`);
  return value;
};
const WARMUP = num('BENCH_WARMUP', 3);
const DURATION = num('BENCH_DURATION', 10);
const CONNECTIONS = num('BENCH_CONNECTIONS', 50);
const MEMORY_AMOUNT = num('BENCH_MEMORY_AMOUNT', 1_000_000);
// Seconds this process may take in all (npm run build comes before it); the memory run gets what is left.
const BUDGET = num('BENCH_BUDGET_SECONDS', 250);
// Another label (e.g. BENCH_LABEL=before) writes bench/results/<label>.json and leaves docs/ alone.
const LABEL = process.env.BENCH_LABEL ?? 'latest';
const PATH = '/cinnox/webhooks/call-events';
const HEADERS = { 'content-type': 'application/json' };
const CHALLENGE_BODY = '{"challenge":"bench"}';
const FLAT_CRITERION = 'heap after a full GC at the end <= the smallest such heap from 10 s on + 16 MB (by 10 s the dedupe store is full)';

type Adapter = 'express' | 'fastify';
type BodyKind = 'notification' | 'challenge';
type ServerName = 'raw-http' | 'bare-nest' | 'library';

interface Scenario {
  id: string;
  name: string;
  server: ServerName;
  adapter?: Adapter;
  body: BodyKind;
  /** The library in queue mode (BullMQ on the machine's Redis) instead of inline. */
  queue?: boolean;
}

interface ScenarioResult {
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

const scenarios: Scenario[] = [
  { id: 'raw', name: 'raw node:http (JSON.parse + answer)', server: 'raw-http', body: 'notification' },
  { id: 'bare-express', name: 'bare NestJS + ValidationPipe, express', server: 'bare-nest', adapter: 'express', body: 'notification' },
  { id: 'bare-fastify', name: 'bare NestJS + ValidationPipe, fastify', server: 'bare-nest', adapter: 'fastify', body: 'notification' },
  { id: 'library-express', name: 'nestjs-cinnox notifications, express', server: 'library', adapter: 'express', body: 'notification' },
  { id: 'library-fastify', name: 'nestjs-cinnox notifications, fastify', server: 'library', adapter: 'fastify', body: 'notification' },
  { id: 'challenge-express', name: 'nestjs-cinnox challenge, express', server: 'library', adapter: 'express', body: 'challenge' },
  { id: 'challenge-fastify', name: 'nestjs-cinnox challenge, fastify', server: 'library', adapter: 'fastify', body: 'challenge' },
  {
    id: 'queue-express',
    name: 'nestjs-cinnox notifications, queue mode, express',
    server: 'library',
    adapter: 'express',
    body: 'notification',
    queue: true,
  },
  {
    id: 'queue-fastify',
    name: 'nestjs-cinnox notifications, queue mode, fastify',
    server: 'library',
    adapter: 'fastify',
    body: 'notification',
    queue: true,
  },
];

// ---------------------------------------------------------------------------------------------- progress

const began = Date.now();
const elapsed = () => (Date.now() - began) / 1000;
const log = (line: string) => console.log(`[bench ${elapsed().toFixed(0).padStart(3)} s] ${line}`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

// ---------------------------------------------------------------------------------------------- children

const children = new Set<ChildProcess>();
const killAll = () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};
process.on('exit', killAll);
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.on(signal, () => {
    log(`${signal}: killing ${children.size} server(s) and stopping`);
    killAll();
    process.exit(code);
  });
}
process.on('uncaughtException', (error) => {
  console.error(error);
  killAll();
  process.exit(1);
});
process.on('unhandledRejection', (error) => {
  console.error(error);
  killAll();
  process.exit(1);
});
// The run stops by itself even if something below hangs.
setTimeout(
  () => {
    log(`hard time limit (${BUDGET + 30} s) reached: killing servers and exiting`);
    killAll();
    process.exit(2);
  },
  (BUDGET + 30) * 1000,
).unref();

interface Server {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  /** Stops the server (SIGTERM, SIGKILL after 3 s); resolves with the events it reported, if any. */
  stop: () => Promise<number | null>;
  /** Asks the server (started with --expose-gc) for a full GC and its heap and RSS after it, in MB. */
  heapAfterGc: () => Promise<{ heapMb: number; rssMb: number } | undefined>;
}

function startServer(server: ServerName, adapter?: Adapter, queue = false, execArgv: string[] = []): Promise<Server> {
  const child = spawn(process.execPath, [...execArgv, join(here, 'servers', `${server}.js`)], {
    cwd: root,
    env: { ...process.env, PORT: '0', ADAPTER: adapter ?? '', BENCH_EXIT_WITH_PARENT: '1', BENCH_QUEUE: queue ? '1' : '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  let events: number | null = null;
  // 'close' comes after the child's stdout is drained, so its EVENTS line has been read by then.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const match = /^EVENTS (\d+)$/m.exec(stdout);
    if (match) events = Number(match[1]);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdin!.on('error', () => {}); // EPIPE if the child is already gone
  child.on('error', (error) => {
    stderr = `${stderr}\n[spawn error] ${error.message}`.slice(-4000);
  });
  const heapAfterGc = async (): Promise<{ heapMb: number; rssMb: number } | undefined> => {
    const seen = stdout.length;
    child.kill('SIGUSR2');
    for (let i = 0; i < 100; i++) {
      const match = /^HEAP ([\d.]+) ([\d.]+)$/m.exec(stdout.slice(seen));
      if (match) return { heapMb: Number(match[1]), rssMb: Number(match[2]) };
      await sleep(50);
    }
    return undefined;
  };
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(3000)]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await Promise.race([exited, sleep(1000)]);
      }
    }
    child.stdin!.destroy();
    children.delete(child);
    return events;
  };
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (reason: string) => {
      if (failed) return;
      failed = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${reason}${stderr ? `: ${summarize(stderr)}` : ''}`)));
    };
    const timer = setTimeout(() => fail(`${server} printed no READY line within 20 s`), 20_000);
    const onSpawnError = (error: Error) => fail(`${server} could not be spawned: ${error.message}`);
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`${server} exited before READY (code ${code}, signal ${signal})`);
    child.once('error', onSpawnError);
    child.once('exit', onEarlyExit);
    const onData = () => {
      const match = /^READY (\d+)$/m.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.off('error', onSpawnError);
      child.off('exit', onEarlyExit);
      child.stdout!.off('data', onData);
      resolve({ child, port: Number(match[1]), stderr: () => stderr.trim(), stop, heapAfterGc });
    };
    child.stdout!.on('data', onData);
  });
}

/** The telling line of a crash's stderr: the first error line, else the last line. */
function summarize(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (lines.find((line) => /^(\w*Error\b|Error \[|\w+Exception\b)/.test(line)) ?? lines.at(-1) ?? '').slice(0, 300);
}

const oneLine = (text: string, max = 300) => text.replace(/\s+/g, ' ').replaceAll('|', '\\|').slice(0, max);

interface CpuShare {
  runnerPct: number;
  serverPct: number;
  otherPct: number;
  stealPct: number;
}

interface CpuSnapshot {
  at: number;
  machineBusy: number;
  steal: number;
  runner: number;
  server: number;
}

/** Clock ticks from /proc (user + system), for the machine, this process and the server. */
function cpuSnapshot(serverPid: number | undefined): CpuSnapshot | undefined {
  const ticksOf = (pid: number | 'self') => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  };
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , , , steal = 0] = cpu;
    return {
      at: Date.now(),
      machineBusy: user + nice + system,
      steal,
      runner: ticksOf('self'),
      server: serverPid === undefined ? 0 : ticksOf(serverPid),
    };
  } catch {
    return undefined; // no /proc, or the server is gone
  }
}

function cpuShare(from: CpuSnapshot | undefined, to: CpuSnapshot | undefined): CpuShare | undefined {
  if (!from || !to || to.at <= from.at) return undefined;
  const capacity = ((to.at - from.at) / 1000) * 100 * cpus().length; // USER_HZ is 100 on Linux
  const pct = (ticks: number) => round((Math.max(0, ticks) / capacity) * 100, 0);
  const runner = to.runner - from.runner;
  const server = to.server - from.server;
  return {
    runnerPct: pct(runner),
    serverPct: pct(server),
    otherPct: pct(to.machineBusy - from.machineBusy - runner - server),
    stealPct: pct(to.steal - from.steal),
  };
}

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0; // gone, or no /proc
  }
}

// ---------------------------------------------------------------------------------------------- load

// Unique call ids across the whole run (warm-ups included), so the dedupe store admits every notification.
const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
let sequence = 0;
const notificationBody = () =>
  JSON.stringify({
    message: {
      id: `bench-${runId}-${sequence++}`,
      status: 'CallStart',
      serviceId: 's',
      caller: { eid: 'e', number: 85212345678 },
      callees: { number: '+85298765432' },
    },
  });

function requestFor(kind: BodyKind, onResponse?: autocannon.Request['onResponse']): autocannon.Request {
  const base: autocannon.Request = { method: 'POST', path: PATH, headers: HEADERS, ...(onResponse ? { onResponse } : {}) };
  if (kind === 'challenge') return { ...base, body: CHALLENGE_BODY };
  return {
    ...base,
    setupRequest(req: autocannon.Request) {
      req.body = notificationBody();
      return req;
    },
  };
}

interface LoadRun {
  result: autocannon.Result;
  cutShort: boolean;
}

/**
 * One autocannon run, stopped after `limitSeconds` whatever its duration or amount says. With
 * `latencies`, the response time of every 2xx answer (as autocannon measures it) is pushed to it.
 */
function load(
  port: number,
  kind: BodyKind,
  run: { duration: number } | { amount: number },
  limitSeconds: number,
  options: { onResponse?: autocannon.Request['onResponse']; latencies?: number[] } = {},
): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    let cutShort = false;
    let settled = false;
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        pipelining: 1,
        timeout: 10,
        requests: [requestFor(kind, options.onResponse)],
        ...run,
      },
      (error, result) => {
        if (settled) return;
        settled = true;
        clearTimeout(limit);
        clearTimeout(hardLimit);
        if (error) reject(error);
        else resolve({ result, cutShort });
      },
    );
    const latencies = options.latencies;
    if (latencies) {
      instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
        if (status >= 200 && status < 300) latencies.push(responseTime);
      });
    }
    const limit = setTimeout(() => {
      cutShort = true;
      instance.stop();
    }, limitSeconds * 1000);
    const hardLimit = setTimeout(
      () => {
        if (settled) return;
        settled = true;
        instance.stop();
        reject(new Error(`autocannon did not finish within ${limitSeconds + 10} s`));
      },
      (limitSeconds + 10) * 1000,
    );
  });
}

const statusCodes = (result: autocannon.Result): Record<string, number> =>
  Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats?.count ?? 0]));
const count2xx = (result: autocannon.Result) => result['2xx'];

/** Nearest-rank percentiles and the mean of response times in ms, rounded to 0.01 ms. */
function latencyStats(latencies: number[]): { p50Ms: number; p99Ms: number; meanMs: number } | undefined {
  if (latencies.length === 0) return undefined;
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { p50Ms: round(at(50)), p99Ms: round(at(99)), meanMs: round(mean) };
}

/** One request outside autocannon: the route must answer 200 and exactly what CINNOX expects. */
async function probe(port: number, kind: BodyKind): Promise<void> {
  const body = kind === 'challenge' ? CHALLENGE_BODY : notificationBody();
  const expected = kind === 'challenge' ? { code: 0, result: { challenge: 'bench' } } : { code: 0, result: {} };
  const response = await fetch(`http://127.0.0.1:${port}${PATH}`, {
    method: 'POST',
    headers: HEADERS,
    body,
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (response.status !== 200 || !isDeepStrictEqual(parsed, expected)) {
    throw new Error(`probe got HTTP ${response.status} ${text.slice(0, 300)} (expected 200 ${JSON.stringify(expected)})`);
  }
}

/** When the measured run saw non-2xx answers, a 1 s run that keeps the first one's status and body. */
async function sampleNon2xx(port: number, kind: BodyKind): Promise<{ status: number; body: string } | null> {
  let sample: { status: number; body: string } | null = null;
  await load(port, kind, { duration: 1 }, 5, {
    onResponse: (status: number, body: string) => {
      if (sample === null && (status < 200 || status > 299)) sample = { status, body: String(body).slice(0, 500) };
    },
  });
  return sample;
}

// ---------------------------------------------------------------------------------------------- scenarios

async function measure(scenario: Scenario): Promise<ScenarioResult> {
  const base = { id: scenario.id, name: scenario.name, server: scenario.server, adapter: scenario.adapter ?? null, body: scenario.body };
  let server: Server | undefined;
  try {
    server = await startServer(scenario.server, scenario.adapter, scenario.queue);
    await probe(server.port, scenario.body);
    const warm = await load(server.port, scenario.body, { duration: WARMUP }, WARMUP + 15);
    let peak = rssMb(server.child.pid);
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
      ...(cpu ? { cpu } : {}),
      ...(stderr ? { serverStderr: stderr.slice(-1000) } : {}),
    };
  } catch (error) {
    const stderr = server?.stderr();
    await server?.stop();
    return { ...base, ok: false, failed: message(error), ...(stderr ? { serverStderr: stderr.slice(-1000) } : {}) };
  }
}

interface MemoryRun {
  adapter: Adapter;
  ok: boolean;
  failed?: string;
  fallbackFrom?: { adapter: Adapter; failed: string };
  target?: number;
  notifications?: number;
  non2xx?: number;
  errors?: number;
  statusCodes?: Record<string, number>;
  seconds?: number;
  reqPerSec?: number;
  cutShort?: boolean;
  limitSeconds?: number;
  startRssMb?: number;
  endRssMb?: number;
  maxRssMb?: number;
  samples?: { atSeconds: number; rssMb: number }[];
  criterion: string;
  flat?: boolean;
  heapsAfterGc?: Array<{ atSeconds: number; heapMb: number }>;
  startHeapMb?: number;
  endHeapMb?: number;
  eventsReceived?: number | null;
  cpu?: CpuShare;
}

async function memoryRun(adapter: Adapter, limitSeconds: number): Promise<MemoryRun> {
  let server: Server | undefined;
  try {
    server = await startServer('library', adapter, false, ['--expose-gc']);
    await probe(server.port, 'notification');
    await load(server.port, 'notification', { duration: WARMUP }, WARMUP + 15);
    const startRss = rssMb(server.child.pid);
    const cpuBefore = cpuSnapshot(server.child.pid);
    const started = Date.now();
    const samples = [{ atSeconds: 0, rssMb: round(startRss, 1) }];
    // RSS rises and falls with V8's collection cycle; the heap after a forced full GC is what shows a leak.
    const heaps: Array<{ atSeconds: number; heapMb: number }> = [];
    const heapSample = async () => {
      const heap = await server!.heapAfterGc();
      if (heap) heaps.push({ atSeconds: round((Date.now() - started) / 1000, 0), heapMb: heap.heapMb });
    };
    await heapSample();
    const sampler = setInterval(() => {
      samples.push({ atSeconds: round((Date.now() - started) / 1000, 0), rssMb: round(rssMb(server!.child.pid), 1) });
      void heapSample();
      log(`  memory run: ${samples.at(-1)!.atSeconds} s, RSS ${samples.at(-1)!.rssMb} MB, heap after GC ${heaps.at(-1)?.heapMb ?? '?'} MB`);
    }, 5000);
    let run: LoadRun;
    try {
      run = await load(server.port, 'notification', { amount: MEMORY_AMOUNT }, limitSeconds);
    } finally {
      clearInterval(sampler);
    }
    const seconds = (Date.now() - started) / 1000;
    const endRss = rssMb(server.child.pid);
    const cpu = cpuShare(cpuBefore, cpuSnapshot(server.child.pid));
    // The end sample replaces a periodic one taken in the same second.
    if (samples.at(-1)!.atSeconds === round(seconds, 0)) samples.pop();
    samples.push({ atSeconds: round(seconds, 0), rssMb: round(endRss, 1) });
    await heapSample();
    const settled = heaps.filter((heap) => heap.atSeconds >= 10).map((heap) => heap.heapMb);
    const endHeap = heaps.at(-1)?.heapMb;
    const flat = endHeap !== undefined && settled.length > 0 && endHeap <= Math.min(...settled) + 16;
    const eventsReceived = await server.stop();
    const { result } = run;
    return {
      adapter,
      ok: !run.cutShort && result.non2xx === 0 && result.errors === 0,
      ...(run.cutShort ? { failed: `stopped by the time limit (${limitSeconds} s) after ${result.requests.total} notifications` } : {}),
      target: MEMORY_AMOUNT,
      notifications: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      statusCodes: statusCodes(result),
      seconds: round(seconds, 1),
      reqPerSec: round(result.requests.total / seconds, 0),
      cutShort: run.cutShort,
      limitSeconds,
      startRssMb: round(startRss, 1),
      endRssMb: round(endRss, 1),
      maxRssMb: round(Math.max(...samples.map((sample) => sample.rssMb)), 1),
      samples,
      heapsAfterGc: heaps,
      startHeapMb: heaps[0]?.heapMb,
      endHeapMb: endHeap,
      criterion: FLAT_CRITERION,
      flat,
      eventsReceived,
      ...(cpu ? { cpu } : {}),
    };
  } catch (error) {
    await server?.stop();
    return { adapter, ok: false, failed: message(error), criterion: FLAT_CRITERION };
  }
}

// ---------------------------------------------------------------------------------------------- report

interface Ratio {
  adapter: Adapter;
  libraryVsBareReqPerSec: number | null;
  libraryVsBareP99: number | null;
  libraryVsRawReqPerSec: number | null;
  /** Queue mode against inline mode, same adapter, same run. */
  queueVsInlineReqPerSec: number | null;
  queueVsInlineP99: number | null;
  meetsReqPerSecTarget: boolean | null;
  meetsP99Target: boolean | null;
  meetsRawStretch: boolean | null;
}

function ratios(results: ScenarioResult[]): Ratio[] {
  const by = (id: string) => {
    const result = results.find((candidate) => candidate.id === id);
    return result && result.failed === undefined && result.reqPerSec ? result : undefined;
  };
  const divide = (a?: number, b?: number) => (a !== undefined && b ? round(a / b) : null);
  return (['express', 'fastify'] as const).map((adapter) => {
    const library = by(`library-${adapter}`);
    const bare = by(`bare-${adapter}`);
    const raw = by('raw');
    const reqPerSec = divide(library?.reqPerSec, bare?.reqPerSec);
    const p99 = divide(library?.p99Ms, bare?.p99Ms);
    const vsRaw = divide(library?.reqPerSec, raw?.reqPerSec);
    const queue = by(`queue-${adapter}`);
    return {
      adapter,
      libraryVsBareReqPerSec: reqPerSec,
      libraryVsBareP99: p99,
      libraryVsRawReqPerSec: vsRaw,
      queueVsInlineReqPerSec: divide(queue?.reqPerSec, library?.reqPerSec),
      queueVsInlineP99: divide(queue?.p99Ms, library?.p99Ms),
      meetsReqPerSecTarget: reqPerSec === null ? null : reqPerSec >= 1,
      meetsP99Target: p99 === null ? null : p99 <= 1.1,
      meetsRawStretch: adapter === 'fastify' && vsRaw !== null ? vsRaw >= 0.5 : null,
    };
  });
}

/** The commit measured, and whether the library's sources differed from it (read-only git calls). */
function revision(): { commit: string | null; libraryUncommittedChanges: boolean | null } {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      libraryUncommittedChanges: git('status', '--porcelain', '--', 'libs/cinnox/src') !== '',
    };
  } catch {
    return { commit: null, libraryUncommittedChanges: null };
  }
}

function commandLine(): string {
  const overrides = Object.entries(process.env)
    .filter(([name]) => name.startsWith('BENCH_'))
    .map(([name, value]) => `${name}=${value}`)
    .sort();
  const command = process.env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'node dist-bench/run.js';
  return [...overrides, command].join(' ');
}

type Report = ReturnType<typeof buildReport>;

function buildReport(results: ScenarioResult[], memory: MemoryRun) {
  return {
    label: LABEL,
    date: new Date().toISOString(),
    command: commandLine(),
    ...startRevision,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      totalMemoryGb: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      loadAverageAtStart: startLoad,
    },
    settings: {
      warmupSeconds: WARMUP,
      durationSeconds: DURATION,
      connections: CONNECTIONS,
      pipelining: 1,
      rssSampleMs: 500,
      memoryAmount: MEMORY_AMOUNT,
      memorySampleMs: 5000,
    },
    results,
    ratios: ratios(results),
    memory,
    totalSeconds: round(elapsed(), 0),
  };
}

const cell = (value: string | number | boolean | null | undefined) => (value === undefined || value === null ? '–' : String(value));
const times = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(2)}x`);
const verdict = (met: boolean | null) => (met === null ? '' : met ? ' ✅' : ' ❌');

function markdown(report: Report, history: string): string {
  const rows = report.results
    .map((r, index) =>
      r.failed !== undefined && r.reqPerSec === undefined
        ? `| ${index + 1}. ${r.name} | failed (see below) | | | | | |`
        : `| ${index + 1}. ${r.name} | ${cell(r.reqPerSec)} | ${cell(r.p50Ms)} | ${cell(r.p99Ms)} | ${cell(r.peakRssMb)} | ${cell(r.non2xx)}${
            r.errors || r.timeouts ? ` (errors ${r.errors}, timeouts ${r.timeouts})` : ''
          } | ${cell(r.cpu?.otherPct)} |`,
    )
    .join('\n');
  const oddities = report.results
    .filter((r) => r.non2xx || r.errors || r.timeouts || r.failed !== undefined)
    .map((r) =>
      r.failed !== undefined
        ? `- ${r.name}: ${oneLine(r.failed)}`
        : `- ${r.name}: status codes ${JSON.stringify(r.statusCodes)}${r.non2xxSample ? `, e.g. HTTP ${r.non2xxSample.status} \`${r.non2xxSample.body}\`` : ''}`,
    )
    .join('\n');
  const ratioRows = report.ratios
    .map(
      (r) =>
        `| ${r.adapter} | ${times(r.libraryVsBareReqPerSec)}${verdict(r.meetsReqPerSecTarget)} | ${times(r.libraryVsBareP99)}${verdict(r.meetsP99Target)} | ${times(
          r.libraryVsRawReqPerSec,
        )}${r.adapter === 'fastify' ? verdict(r.meetsRawStretch) : ''} | ${times(r.queueVsInlineReqPerSec)} | ${times(r.queueVsInlineP99)} |`,
    )
    .join('\n');
  const m = report.memory;
  const fallback = m.fallbackFrom
    ? `The run on ${m.fallbackFrom.adapter} failed (${oneLine(m.fallbackFrom.failed)}), so it was tried on ${m.adapter}. `
    : '';
  const memory =
    m.startRssMb === undefined
      ? `${fallback}The memory run failed: ${oneLine(m.failed ?? 'unknown')}`
      : `${fallback}${m.notifications!.toLocaleString('en')} distinct notifications (target ${m.target!.toLocaleString('en')}) through the library route on ${m.adapter}, ` +
        `${report.settings.connections} connections, in ${m.seconds} s (${m.reqPerSec} req/s; non-2xx: ${m.non2xx}, errors: ${m.errors}${m.cpu ? `; other processes' CPU: ${m.cpu.otherPct} %` : ''}).` +
        `${m.cutShort ? ` **Stopped by its time limit (${m.limitSeconds} s) before the target.**` : ''}\n\n` +
        `| RSS after warm-up | RSS at the end | highest RSS |\n|---|---|---|\n| ${m.startRssMb} MB | ${m.endRssMb} MB | ${m.maxRssMb} MB |\n\n` +
        `RSS every 5 s (s: MB): ${m.samples!.map((s) => `${s.atSeconds}: ${s.rssMb}`).join(', ')}. RSS rises and falls with V8's collection cycle, ` +
        `so it is not the leak test; the JavaScript heap after a forced full GC is.\n\n` +
        `Heap after a full GC every 5 s (s: MB): ${(m.heapsAfterGc ?? []).map((h) => `${h.atSeconds}: ${h.heapMb}`).join(', ')}.\n\n` +
        `Criterion for "flat": ${FLAT_CRITERION}: **${m.flat ? 'met' : 'NOT met'}** (end ${m.endHeapMb} MB).`;
  return `# Benchmarks

Run with \`npm run bench\` (it builds the library and the sample app, compiles \`bench/\` to \`dist-bench/\` and runs
\`dist-bench/run.js\`). Each server runs in a process of its own (\`dist-bench/servers/*.js\`), separate from the
load generator (autocannon, in the runner's process); everything is on 127.0.0.1. Each scenario: a probe request
(the answer must be exactly what CINNOX expects), ${report.settings.warmupSeconds} s of warm-up (discarded), then ${report.settings.durationSeconds} s measured with
${report.settings.connections} connections and no pipelining. Latencies are percentiles of the response times autocannon measures for
2xx answers, kept at 0.01 ms (autocannon's own histogram truncates to whole milliseconds; both are in the JSON).
Peak RSS is the server's VmRSS (\`/proc/<pid>/status\`) sampled every 500 ms during the measured run.
Every notification carries a unique call id, so the library's dedupe store admits each one and \`call.start\`
reaches a listener that does nothing but count (the bare Nest server emits it through EventEmitter2 the same
way); the JSON has the count each server reported. Overrides: \`BENCH_DURATION\`, \`BENCH_WARMUP\`,
\`BENCH_CONNECTIONS\`, \`BENCH_MEMORY_AMOUNT\`. Raw numbers: \`bench/results/latest.json\`.
All scenarios come from one invocation, so compare the ratios; absolute numbers move from run to run.

Machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.totalMemoryGb} GiB, ${report.machine.platform}; Node ${report.machine.node}.
Run: ${report.date}, \`${report.command}\` at commit ${report.commit ?? 'unknown'}${report.libraryUncommittedChanges ? ' (library sources with uncommitted changes)' : ''}, ${report.totalSeconds} s for the runner (load average at start: ${report.machine.loadAverageAtStart.join(', ')}).

## Scenarios

| scenario | req/s (mean) | p50 ms | p99 ms | peak RSS MB | non-2xx | other processes' CPU % |
|---|---|---|---|---|---|---|
${rows}

The last column is the CPU that processes other than the runner and the server used during the measured run,
in % of all cores (from \`/proc\`): above a few %, something else competed with the run and its numbers are low.
${oddities ? `\nNot clean:\n\n${oddities}\n` : ''}
## Ratios

Targets: the library at least 1.0x bare Nest's req/s and at most 1.1x its p99 on both adapters; stretch goal:
the library on Fastify at least 0.5x raw node:http.

| adapter | library / bare Nest req/s (>= 1.0x) | library / bare Nest p99 (<= 1.1x) | library / raw node:http req/s | queue mode / inline req/s | queue mode / inline p99 |
|---|---|---|---|---|---|
${ratioRows}

Queue mode answers 2xx only once BullMQ stored the job in Redis (on this machine's Redis, over loopback);
the worker in the same process emits the events. Its ratios are to the inline library route of the same run.

## Memory

${memory}
${history ? `\n${history.trimEnd()}\n` : ''}`;
}

/** The "## History" section of an existing BENCHMARKS.md, kept (and kept last) when it is rewritten. */
function existingHistory(file: string): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const start = text.search(/^## History\s*$/m);
  if (start < 0) return '';
  const rest = text.slice(start);
  const next = rest.slice(1).search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

// ---------------------------------------------------------------------------------------------- main

const startLoad = loadavg().map((value) => round(value));
const startRevision = revision();

async function main(): Promise<void> {
  log(`${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, load average ${startLoad.join(' ')}`);
  log(`warm-up ${WARMUP} s, measured ${DURATION} s, ${CONNECTIONS} connections, memory run ${MEMORY_AMOUNT} notifications`);
  const results: ScenarioResult[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    log(`${index + 1}/${scenarios.length} ${scenario.name}: starting`);
    const result = await measure(scenario);
    results.push(result);
    if (result.failed !== undefined && result.reqPerSec === undefined) log(`  FAILED: ${result.failed}`);
    else {
      const events =
        result.eventsReceived === undefined
          ? ''
          : `, call.start events ${result.eventsReceived} for ${result.notifications2xx} counted 2xx`;
      log(
        `  ${result.reqPerSec} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, peak RSS ${result.peakRssMb} MB, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}${events}`,
      );
      if (result.cpu) {
        const { runnerPct, serverPct, otherPct, stealPct } = result.cpu;
        log(
          `  CPU (% of ${cpus().length} cores): runner ${runnerPct}, server ${serverPct}, other processes ${otherPct}, steal ${stealPct}`,
        );
      }
      const uncounted = result.eventsNotCounted ?? 0;
      if (uncounted < 0 || uncounted > 2 * CONNECTIONS || (scenario.body === 'challenge' && result.eventsReceived !== 0)) {
        log(`  ODD: ${result.eventsReceived} events for ${result.notifications2xx} 2xx answers`);
      }
      if (result.non2xx) log(`  status codes ${JSON.stringify(result.statusCodes)}, sample ${JSON.stringify(result.non2xxSample)}`);
    }
    if (result.serverStderr && result.reqPerSec !== undefined) log(`  server stderr: ${oneLine(result.serverStderr, 500)}`);
  }
  for (const r of ratios(results)) {
    log(
      `ratios ${r.adapter}: library/bare req/s ${times(r.libraryVsBareReqPerSec)}, p99 ${times(r.libraryVsBareP99)}, library/raw req/s ${times(r.libraryVsRawReqPerSec)}`,
    );
  }

  const limitFor = () => Math.max(20, Math.floor(BUDGET - elapsed() - 10));
  log(`memory run: library on fastify, ${MEMORY_AMOUNT} distinct notifications (time limit ${limitFor()} s)`);
  let memory = await memoryRun('fastify', limitFor());
  if (memory.startRssMb === undefined) {
    log(`  memory run on fastify FAILED (${oneLine(memory.failed!)}); trying express (time limit ${limitFor()} s)`);
    const failed = memory.failed!;
    memory = { ...(await memoryRun('express', limitFor())), fallbackFrom: { adapter: 'fastify', failed } };
  }
  if (memory.startRssMb === undefined) log(`  memory run FAILED: ${memory.failed}`);
  else {
    log(
      `  ${memory.notifications} notifications in ${memory.seconds} s on ${memory.adapter}: RSS start ${memory.startRssMb} MB, end ${memory.endRssMb} MB, max ${memory.maxRssMb} MB, heap after GC ${memory.startHeapMb} -> ${memory.endHeapMb} MB, flat: ${memory.flat}, non-2xx ${memory.non2xx}, events ${memory.eventsReceived}`,
    );
  }

  const report = buildReport(results, memory);
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${LABEL}.json`), `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote bench/results/${LABEL}.json`);
  if (LABEL === 'latest') {
    const docs = join(root, 'docs', 'BENCHMARKS.md');
    mkdirSync(dirname(docs), { recursive: true });
    writeFileSync(docs, markdown(report, existingHistory(docs)));
    log('wrote docs/BENCHMARKS.md');
  }
  log(`done in ${report.totalSeconds} s`);
}

await main();
killAll();
process.exit(0);
