import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Settings of one `npm run bench`: environment overrides (BENCH_*) and flags after `--`.
//   --quick   short runs (1 s warm-up, 3 s measured, 20 000-notification memory run): proves the harness works,
//             its numbers are not for comparing.
//   --record  also writes the tracked results (docs/BENCHMARKS.md, bench/results/latest.json); a plain run
//             writes only to .bench/ (ignored by git).

export const here = dirname(fileURLToPath(import.meta.url)); // dist-bench/bench/
export const root = join(here, '..', '..');

const flags = new Set(process.argv.slice(2));
for (const flag of flags) if (flag !== '--quick' && flag !== '--record') throw new Error(`unknown flag ${flag} (use --quick, --record)`);
export const QUICK = flags.has('--quick');
export const RECORD = flags.has('--record');
// BENCH_PROFILE=<dir>: each scenario's server writes a CPU profile there (<scenario id>.cpuprofile).
export const PROFILE = process.env.BENCH_PROFILE;
// BENCH_ONLY=raw,queue-: only the scenarios whose id starts with one of these, no memory run, nothing recorded.
export const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : undefined;
if (ONLY && RECORD) throw new Error('BENCH_ONLY runs are partial: they cannot be recorded');
if (QUICK && RECORD) throw new Error('--quick runs are too short to record: drop one of the two flags');

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${process.env[name]}"`);
  return value;
};
export const WARMUP = num('BENCH_WARMUP', QUICK ? 1 : 2);
export const DURATION = num('BENCH_DURATION', QUICK ? 3 : 4);
// Every scenario runs once per round, the rounds one after another; each scenario's result is its round with
// the median req/s, and each ratio the median of the rounds' ratios. One run of 10 s moved by +-15 % from one
// invocation to the next on a quiet machine, and whole rounds ran 30 % slower than others.
export const ROUNDS = Math.max(1, Math.round(num('BENCH_ROUNDS', QUICK ? 1 : 4)));
export const CONNECTIONS = num('BENCH_CONNECTIONS', 50);
export const MEMORY_AMOUNT = num('BENCH_MEMORY_AMOUNT', QUICK ? 20_000 : 1_000_000);
// Seconds this process may take in all (npm run build comes before it); the memory run gets what is left.
export const BUDGET = num('BENCH_BUDGET_SECONDS', QUICK ? 300 : 1000);
// Names the results file: .bench/<label>.json (with --record also bench/results/<label>.json).
export const LABEL = process.env.BENCH_LABEL ?? 'latest';
export const PATH = '/cinnox/webhooks/call-events';
export const HEADERS = { 'content-type': 'application/json' };
export const CHALLENGE_BODY = '{"challenge":"bench"}';
export const FLAT_CRITERION =
  'heap after a full GC at the end <= the smallest such heap in the second half of the run + 16 MB (the dedupe store and the call tracker, capped at 100,000 entries each, fill at a pace set by the request rate)';
