import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { CONNECTIONS, DURATION, LABEL, MEMORY_AMOUNT, QUICK, root, ROUNDS, WARMUP } from './bench-settings.js';
import { elapsed, round } from './bench-log.js';
import type { MemoryRun } from './memory-run.js';
import type { Adapter, ScenarioResult } from './scenarios.js';

// The run's report: its results, the ratios the goals are stated in, and where and how it ran.

export const startLoad = loadavg().map((value) => round(value));

export interface Ratio {
  adapter: Adapter;
  libraryVsBareReqPerSec: number | null;
  libraryVsBareP99: number | null;
  libraryVsRawReqPerSec: number | null;
  /** Queue mode against inline mode, same adapter, same run. */
  queueVsInlineReqPerSec: number | null;
  queueVsInlineP99: number | null;
  /** The sample app as deployed against bare Nest, same adapter, same run. */
  sampleVsBareReqPerSec: number | null;
  sampleVsBareP99: number | null;
  /** The call tracker on (memory store, then Redis store) against the library route without it. */
  trackerMemoryVsOffReqPerSec: number | null;
  trackerRedisVsOffReqPerSec: number | null;
  /** The delivery log on (memory store: the library's own cost) against the library route without it. */
  deliveryLogMemoryVsOffReqPerSec: number | null;
  /** The delivery log on (PostgreSQL store) against the library route without it (budget: >= 0.85x). */
  deliveryLogPostgresVsOffReqPerSec: number | null;
  /**
   * The library route with the log off while another process has PostgreSQL insert a log row per request, against
   * the route alone: PostgreSQL's share of the log's cost on this machine's shared cores.
   */
  postgresBusyVsOffReqPerSec: number | null;
  /** Tracing on (nestjs-cinnox/otel, no exporter reachable) against the library route without it (budget: >= 0.9x). */
  tracingVsOffReqPerSec: number | null;
  meetsReqPerSecTarget: boolean | null;
  meetsP99Target: boolean | null;
  meetsRawStretch: boolean | null;
}

export function ratios(results: ScenarioResult[]): Ratio[] {
  const by = (id: string) => {
    const result = results.find((candidate) => candidate.id === id);
    return result && result.failed === undefined && result.reqPerSec ? result : undefined;
  };
  const divide = pairRatio;
  return (['express', 'fastify'] as const).map((adapter) => {
    const library = by(`library-${adapter}`);
    const bare = by(`bare-${adapter}`);
    const raw = by('raw');
    const reqPerSec = divide(library, bare, 'reqPerSec');
    const p99 = divide(library, bare, 'p99Ms');
    const vsRaw = divide(library, raw, 'reqPerSec');
    const queue = by(`queue-${adapter}`);
    const sample = by(`sample-${adapter}`);
    return {
      adapter,
      libraryVsBareReqPerSec: reqPerSec,
      libraryVsBareP99: p99,
      libraryVsRawReqPerSec: vsRaw,
      queueVsInlineReqPerSec: divide(queue, library, 'reqPerSec'),
      queueVsInlineP99: divide(queue, library, 'p99Ms'),
      sampleVsBareReqPerSec: divide(sample, bare, 'reqPerSec'),
      sampleVsBareP99: divide(sample, bare, 'p99Ms'),
      trackerMemoryVsOffReqPerSec: divide(by(`tracker-memory-${adapter}`), library, 'reqPerSec'),
      trackerRedisVsOffReqPerSec: divide(by(`tracker-redis-${adapter}`), library, 'reqPerSec'),
      deliveryLogMemoryVsOffReqPerSec: divide(by(`dlog-memory-${adapter}`), library, 'reqPerSec'),
      deliveryLogPostgresVsOffReqPerSec: divide(by(`dlog-postgres-${adapter}`), library, 'reqPerSec'),
      postgresBusyVsOffReqPerSec: divide(by(`postgres-busy-${adapter}`), library, 'reqPerSec'),
      tracingVsOffReqPerSec: divide(by(`tracing-${adapter}`), library, 'reqPerSec'),
      meetsReqPerSecTarget: reqPerSec === null ? null : reqPerSec >= 1,
      meetsP99Target: p99 === null ? null : p99 <= 1.1,
      meetsRawStretch: adapter === 'fastify' && vsRaw !== null ? vsRaw >= 0.5 : null,
    };
  });
}

/**
 * a / b for one measure. With several rounds, the median of the rounds' own ratios: the two were measured
 * seconds apart in each round, so a slow spell of the machine (whole rounds ran 30 % slower) cancels out.
 */
export function pairRatio(a: ScenarioResult | undefined, b: ScenarioResult | undefined, measure: 'reqPerSec' | 'p99Ms'): number | null {
  if (!a || !b || a[measure] === undefined || !b[measure]) return null;
  const key = measure === 'reqPerSec' ? 'roundsReqPerSec' : 'roundsP99Ms';
  const [x, y] = [a[key], b[key]];
  if (!x || !y || x.length !== y.length) return round(a[measure] / b[measure]);
  const each = x.map((value, index) => value / y[index]!).sort((m, n) => m - n);
  const middle = each.length / 2;
  return round(each.length % 2 === 1 ? each[Math.floor(middle)]! : (each[middle - 1]! + each[middle]!) / 2);
}

/** a / b req/s of each round, in round order (null without both rounds' numbers): how far the rounds spread. */
export function roundRatios(results: ScenarioResult[], a: string, b: string): number[] | null {
  const [x, y] = [a, b].map((id) => results.find((result) => result.id === id && result.failed === undefined)?.roundsReqPerSec);
  if (!x || !y || x.length !== y.length) return null;
  return x.map((value, index) => round(value / y[index]!));
}

/** Each hook's route against the call route of the same all-hooks host (goal: within 5%, so >= 0.95x). */
export function hookRatios(results: ScenarioResult[]): { hook: string; vsCallReqPerSec: number | null }[] {
  const call = results.find((result) => result.id === 'hook-call-fastify' && result.failed === undefined);
  return results
    .filter((result) => result.id.startsWith('hook-') && result.id !== 'hook-call-fastify')
    .map((result) => ({
      hook: result.id.slice('hook-'.length, -'-fastify'.length),
      vsCallReqPerSec: result.failed === undefined ? pairRatio(result, call, 'reqPerSec') : null,
    }));
}

/** The commit measured, and whether the library's sources differed from it (read-only git calls). */
export function revision(): { commit: string | null; libraryUncommittedChanges: boolean | null } {
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
  const flags = process.argv.slice(2);
  const command =
    process.env.npm_lifecycle_event === 'bench' ? `npm run bench${flags.length ? ' --' : ''}` : 'node dist-bench/bench/run.js';
  return [...overrides, command, ...flags].join(' ');
}

const startRevision = revision();

export type Report = ReturnType<typeof buildReport> & { trackerBytesPerActiveCall?: number };

export function buildReport(results: ScenarioResult[], memory: MemoryRun) {
  return {
    label: LABEL,
    date: new Date().toISOString(),
    command: commandLine(),
    ...startRevision,
    quick: QUICK,
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
      rounds: ROUNDS,
      connections: CONNECTIONS,
      pipelining: 1,
      rssSampleMs: 500,
      memoryAmount: MEMORY_AMOUNT,
      memorySampleMs: 5000,
    },
    results,
    ratios: ratios(results),
    hookRatios: hookRatios(results),
    memory,
    totalSeconds: round(elapsed(), 0),
  };
}
