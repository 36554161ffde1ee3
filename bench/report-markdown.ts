import { existsSync, readFileSync } from 'node:fs';
import { FLAT_CRITERION } from './bench-settings.js';
import { oneLine } from './bench-log.js';
import { hookRatios, roundRatios, type Report } from './report.js';

export const cell = (value: string | number | boolean | null | undefined) => (value === undefined || value === null ? '–' : String(value));
export const times = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(2)}x`);
export const verdict = (met: boolean | null) => (met === null ? '' : met ? ' ✅' : ' ❌');

const atLeast = (value: number | null, goal: number) => verdict(value === null ? null : value >= goal);
const atMost = (value: number | null, goal: number) => verdict(value === null ? null : value <= goal);

export function markdown(report: Report, history: string): string {
  const rows = report.results
    .map((r, index) =>
      r.failed !== undefined && r.reqPerSec === undefined
        ? `| ${index + 1}. ${r.name} | failed (see below) | | | | | | |`
        : `| ${index + 1}. ${r.name} | ${cell(r.reqPerSec)} | ${cell(r.roundsReqPerSec?.join(' / '))} | ${cell(r.p50Ms)} | ${cell(r.p99Ms)} | ${cell(r.peakRssMb)} | ${cell(r.non2xx)}${
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
        )}${r.adapter === 'fastify' ? verdict(r.meetsRawStretch) : ''} | ${times(r.queueVsInlineReqPerSec)}${atLeast(r.queueVsInlineReqPerSec, r.adapter === 'express' ? 0.8 : 0.6)} | ${times(
          r.queueVsInlineP99,
        )}${atMost(r.queueVsInlineP99, 1.5)} | ${times(r.sampleVsBareReqPerSec)}${atLeast(r.sampleVsBareReqPerSec, 1)} | ${times(r.sampleVsBareP99)}${atMost(r.sampleVsBareP99, 1.1)} |`,
    )
    .join('\n');
  const trackerRows = report.ratios
    .map((r) => {
      const met = r.trackerMemoryVsOffReqPerSec === null ? null : r.trackerMemoryVsOffReqPerSec >= 0.95;
      return `| ${r.adapter} | ${times(r.trackerMemoryVsOffReqPerSec)}${verdict(met)} | ${times(r.trackerRedisVsOffReqPerSec)} |`;
    })
    .join('\n');
  const spread = (a: string, b: string) => cell(roundRatios(report.results, a, b)?.join(' / '));
  const costRows = report.ratios
    .map(
      (r) =>
        `| ${r.adapter} | ${times(r.deliveryLogMemoryVsOffReqPerSec)} | ${times(r.deliveryLogPostgresVsOffReqPerSec)}${atLeast(
          r.deliveryLogPostgresVsOffReqPerSec,
          0.85,
        )} (${spread(`dlog-postgres-${r.adapter}`, `library-${r.adapter}`)}) | ${times(r.postgresBusyVsOffReqPerSec)} (${spread(
          `postgres-busy-${r.adapter}`,
          `library-${r.adapter}`,
        )}) | ${times(r.tracingVsOffReqPerSec)}${atLeast(
          r.tracingVsOffReqPerSec,
          0.9,
        )} (${spread(`tracing-${r.adapter}`, `library-${r.adapter}`)}) |`,
    )
    .join('\n');
  const hookRows = hookRatios(report.results)
    .map((h) => `| ${h.hook} | ${times(h.vsCallReqPerSec)}${verdict(h.vsCallReqPerSec === null ? null : h.vsCallReqPerSec >= 0.95)} |`)
    .join('\n');
  const drains = report.results
    .filter((r) => r.backlogAtEnd !== undefined)
    .map(
      (r) =>
        `${r.adapter}: ${r.backlogAtEnd} jobs in ${r.drainSeconds === null ? 'more than 60' : r.drainSeconds} s (completed during the load: ${cell(r.workerKeptUp)} of the accepted jobs, goal >= 0.9${verdict(r.workerKeptUp === undefined || r.workerKeptUp === null ? null : r.workerKeptUp >= 0.9)})`,
    )
    .join('; ');
  const redis = report.results
    .filter((r) => r.redis)
    .map(
      (r) =>
        `${r.adapter}: ${r.redis!.commandsPerJob} commands per job (${r.redis!.scriptCallsPerJob} script calls, ${r.redis!.redisCpuUsPerJob} µs of Redis CPU; most: ${r
          .redis!.top.map(({ command, perJob }) => `${command} ${perJob}`)
          .join(', ')})`,
    )
    .join('; ');
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
\`dist-bench/bench/run.js\`). A plain run writes \`.bench/latest.json\` and \`.bench/BENCHMARKS.md\` (ignored by git);
\`npm run bench -- --record\` also rewrites this page and \`bench/results/latest.json\`, keeping the History section.
\`npm run bench -- --quick\` (1 s warm-up, 3 s per scenario, 20,000-notification memory run) only proves the harness
works. Each server runs in a process of its own (\`dist-bench/bench/servers/*.js\`), separate from the
load generator (autocannon, in the runner's process); everything is on 127.0.0.1. Each scenario: a probe request
(the answer must be exactly what CINNOX expects), ${report.settings.warmupSeconds} s of warm-up (discarded), then ${report.settings.durationSeconds} s measured with
${report.settings.connections} connections and no pipelining; all scenarios once per round, ${report.settings.rounds ?? 1} round(s) one after the other, and each
scenario's row is its round with the median req/s (\`BENCH_ROUNDS\`; one 10 s run moved by +-15 % between invocations on a quiet machine,
and whole rounds ran 30 % slower than others). Each ratio below is the median of the rounds' own ratios: the two
scenarios of a pair run next to each other in every round, so a slow spell hits both. Latencies are percentiles of the response times autocannon measures for
2xx answers, kept at 0.01 ms (autocannon's own histogram truncates to whole milliseconds; both are in the JSON).
Peak RSS is the server's VmRSS (\`/proc/<pid>/status\`) sampled every 500 ms during the measured run.
Every notification carries a unique call id, so the library's dedupe store admits each one and \`call.start\`
reaches a listener that does nothing but count (the bare Nest server emits it through EventEmitter2 the same
way); the JSON has the count each server reported. Overrides: \`BENCH_DURATION\`, \`BENCH_WARMUP\`, \`BENCH_ROUNDS\`,
\`BENCH_CONNECTIONS\`, \`BENCH_MEMORY_AMOUNT\`; \`BENCH_ONLY=<scenario id prefixes>\` runs some scenarios (no memory run, not
recordable), \`BENCH_PROFILE=<dir>\` has each scenario's server write a \`--cpu-prof\` profile there. Raw numbers of the recorded run: \`bench/results/latest.json\`.
All scenarios come from one invocation, so compare the ratios; absolute numbers move from run to run.

Machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.totalMemoryGb} GiB, ${report.machine.platform}; Node ${report.machine.node}.
Run: ${report.date}, \`${report.command}\` at commit ${report.commit ?? 'unknown'}${report.libraryUncommittedChanges ? ' (library sources with uncommitted changes)' : ''}, ${report.totalSeconds} s for the runner (load average at start: ${report.machine.loadAverageAtStart.join(', ')}).

## Scenarios

| scenario | req/s (mean, median round) | req/s of each round | p50 ms | p99 ms | peak RSS MB | non-2xx | other processes' CPU % |
|---|---|---|---|---|---|---|---|
${rows}

The last column is the CPU that processes other than the runner and the server used during the measured run,
in % of all cores (from \`/proc\`): above a few %, something else competed with the run and its numbers are low.
${oddities ? `\nNot clean:\n\n${oddities}\n` : ''}
## Ratios

Targets: the library at least 1.0x bare Nest's req/s and at most 1.1x its p99 on both adapters; stretch goal:
the library on Fastify at least 0.5x raw node:http. Issue 15: queue mode at least 0.8x inline req/s on Express
and 0.6x on Fastify with p99 at most 1.5x; the sample app as deployed at least 1.0x bare Nest req/s, p99 at most 1.1x.

| adapter | library / bare Nest req/s (>= 1.0x) | library / bare Nest p99 (<= 1.1x) | library / raw node:http req/s | queue mode / inline req/s | queue mode / inline p99 | sample app / bare Nest req/s | sample app / bare Nest p99 |
|---|---|---|---|---|---|---|---|
${ratioRows}

Queue mode answers 2xx only once BullMQ stored the job in Redis (on this machine's Redis, over loopback);
the worker in the same process (the library's default concurrency, 50) emits the events; deliveries arriving
together are stored with one \`addBulk\` (group commit). Its ratios are to the inline library route of the same run.
${drains ? `Once the load stopped, the worker drained what was left: ${drains}.` : ''}
${redis ? `Redis's side of it, from \`INFO commandstats\` and \`INFO cpu\` around the measured run and the drain, per job stored in the measured run (a script's inner commands counted): ${redis}.` : ''}
The sample app runs as deployed (\`dist/main.js\` with \`LOG_LEVEL=warn\`, inline mode, metrics on, its call tracker, delivery log and coverage in an embedded PGlite as \`npm start\` has them, a fresh data folder per run), pointed at a CINNOX it never calls.

Call tracker cost: the library route with \`calls: { track: true }\` against the same route without it, same adapter, same run
(goal: at most 5% with the memory store, so >= 0.95x; the Redis store is reported, without a goal).

| adapter | tracker on, memory store / off req/s (>= 0.95x) | tracker on, Redis store / off req/s |
|---|---|---|
${trackerRows}

Delivery log and tracing cost: the library route with \`deliveryLog\` on (memory store: the library's own cost;
PostgreSQL store: the machine's PostgreSQL, which runs on the same cores as the server and the load generator)
and with tracing on (\`nestjs-cinnox/otel\`, spans batched to an OTLP endpoint nobody listens on), each against the
same route without it, same adapter, same run (issue 21: the PostgreSQL log >= 0.85x; issue 23: tracing >= 0.9x).
Each round's own ratio is in brackets. "PostgreSQL busy" is the route with the log off while another process has
PostgreSQL insert one log row per request the server answers (the PostgreSQL store's table and statement, 500 rows
per statement, the rows' JSON made once): PostgreSQL's share of the log's cost on these shared cores, without the
library's.

| adapter | log on, memory store / off req/s | log on, PostgreSQL store / off req/s (>= 0.85x) | log off, PostgreSQL busy / off req/s | tracing on / off req/s (>= 0.9x) |
|---|---|---|---|---|
${costRows}

Every hook's route against the call route of one host with \`hooks: [...CINNOX_HOOKS]\`, on Fastify, bodies from
\`nestjs-cinnox/testing\`'s fixtures (goal: within 5%, so >= 0.95x):

| hook | req/s / call route req/s |
|---|---|
${hookRows}

## Memory

${memory}

The memory run has the call tracker on (memory store): every notification starts a call that never ends, so by
the end the tracker holds its cap of 100,000 active records. The tracker's memory per active call (memory store,
100,000 calls with one caller and one callee, heap after a full GC less the empty store's, \`dist-bench/bench/tracker-memory.js\`):
**${cell(report.trackerBytesPerActiveCall)} bytes**.
${history ? `\n${history.trimEnd()}\n` : ''}`;
}

/** The "## History" section of an existing BENCHMARKS.md, kept (and kept last) when it is rewritten. */
export function existingHistory(file: string): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const start = text.search(/^## History\s*$/m);
  if (start < 0) return '';
  const rest = text.slice(start);
  const next = rest.slice(1).search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next + 1);
}
