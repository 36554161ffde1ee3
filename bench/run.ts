import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { BUDGET, CONNECTIONS, LABEL, MEMORY_AMOUNT, ONLY, QUICK, RECORD, ROUNDS, here, root, WARMUP, DURATION } from './bench-settings.js';
import { elapsed, log, oneLine } from './bench-log.js';
import { killAll } from './child-server.js';
import { measure } from './measure-scenario.js';
import { memoryRun } from './memory-run.js';
import { existingHistory, markdown, times } from './report-markdown.js';
import { buildReport, ratios, roundRatios, startLoad, type Report } from './report.js';
import { scenarios, type Scenario, type ScenarioResult } from './scenarios.js';

// `npm run bench`: every server runs in a process of its own (dist-bench/bench/servers/*.js), autocannon runs
// here, on 127.0.0.1 only. Every load run, every wait and the whole run are time-bounded, and every child
// is killed when this process ends, however it ends.

process.on('exit', killAll);
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.on(signal, () => {
    log(`${signal}: killing the servers and stopping`);
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
async function main(): Promise<void> {
  log(`${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, load average ${startLoad.join(' ')}`);
  log(
    `warm-up ${WARMUP} s, measured ${DURATION} s, ${ROUNDS} round(s), ${CONNECTIONS} connections, memory run ${MEMORY_AMOUNT} notifications`,
  );
  const selected = ONLY ? scenarios.filter((scenario) => ONLY!.some((prefix) => scenario.id.startsWith(prefix))) : scenarios;
  const rounds: ScenarioResult[][] = selected.map(() => []);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [index, scenario] of selected.entries()) {
      log(`${ROUNDS > 1 ? `round ${round}/${ROUNDS}, ` : ''}${index + 1}/${selected.length} ${scenario.name}: starting`);
      const result = await measure(scenario);
      rounds[index]!.push(result);
      logResult(scenario, result);
    }
  }
  const results = rounds.map(median);
  if (ROUNDS > 1)
    for (const result of results)
      log(`median of ${result.name}: ${result.reqPerSec} req/s (rounds: ${result.roundsReqPerSec?.join(', ')})`);

  for (const r of ratios(results)) {
    log(
      `ratios ${r.adapter}: library/bare req/s ${times(r.libraryVsBareReqPerSec)}, p99 ${times(r.libraryVsBareP99)}, library/raw req/s ${times(r.libraryVsRawReqPerSec)}`,
    );
    if (r.deliveryLogMemoryVsOffReqPerSec !== null)
      log(`  ${r.adapter}: delivery log on (memory) / off req/s ${times(r.deliveryLogMemoryVsOffReqPerSec)}`);
    if (r.deliveryLogPostgresVsOffReqPerSec !== null)
      log(
        `  ${r.adapter}: delivery log on (PostgreSQL) / off req/s ${times(r.deliveryLogPostgresVsOffReqPerSec)} (budget >= 0.85x; rounds: ${roundRatios(results, `dlog-postgres-${r.adapter}`, `library-${r.adapter}`)?.join(', ')})`,
      );
    if (r.postgresBusyVsOffReqPerSec !== null)
      log(
        `  ${r.adapter}: log off, PostgreSQL busy with a log row per request / off req/s ${times(r.postgresBusyVsOffReqPerSec)} (rounds: ${roundRatios(results, `postgres-busy-${r.adapter}`, `library-${r.adapter}`)?.join(', ')})`,
      );
    if (r.tracingVsOffReqPerSec !== null)
      log(
        `  ${r.adapter}: tracing on (no exporter reachable) / off req/s ${times(r.tracingVsOffReqPerSec)} (budget >= 0.9x; rounds: ${roundRatios(results, `tracing-${r.adapter}`, `library-${r.adapter}`)?.join(', ')})`,
      );
  }

  if (ONLY) {
    log('BENCH_ONLY set: no memory run, nothing written but .bench/partial.json');
    mkdirSync(join(root, '.bench'), { recursive: true });
    writeFileSync(join(root, '.bench', 'partial.json'), `${JSON.stringify({ results, ratios: ratios(results) }, null, 2)}\n`);
    return;
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

  // A process of its own, with --expose-gc, measures the tracker's memory per active call (memory store, 100,000 calls).
  const trackerOut = execFileSync(process.execPath, ['--expose-gc', join(here, 'tracker-memory.js')], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const trackerBytes = Number(/TRACKER_BYTES (\d+)/.exec(trackerOut)?.[1]);
  log(`call tracker, memory store: ${trackerBytes} bytes of heap per active call`);
  const report = { ...buildReport(results, memory), trackerBytesPerActiveCall: trackerBytes };
  writeResults(report);
  log(`done in ${report.totalSeconds} s`);
}

function logResult(scenario: Scenario, result: ScenarioResult): void {
  if (result.failed !== undefined && result.reqPerSec === undefined) log(`  FAILED: ${result.failed}`);
  else {
    const events =
      result.eventsReceived === undefined || result.eventsReceived === null
        ? ''
        : `, call.start events ${result.eventsReceived} for ${result.notifications2xx} counted 2xx`;
    log(
      `  ${result.reqPerSec} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, peak RSS ${result.peakRssMb} MB, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}${events}`,
    );
    if (result.cpu) {
      const { runnerPct, serverPct, otherPct, stealPct } = result.cpu;
      log(`  CPU (% of ${cpus().length} cores): runner ${runnerPct}, server ${serverPct}, other processes ${otherPct}, steal ${stealPct}`);
    }
    const uncounted = result.eventsNotCounted ?? 0;
    if (uncounted < 0 || uncounted > 2 * CONNECTIONS || (scenario.body === 'challenge' && result.eventsReceived !== 0)) {
      log(`  ODD: ${result.eventsReceived} events for ${result.notifications2xx} 2xx answers`);
    }
    if (result.backlogAtEnd !== undefined) {
      log(
        `  queue backlog when the load stopped: ${result.backlogAtEnd} jobs, drained in ${result.drainSeconds ?? '> 60'} s; worker kept up with ${result.workerKeptUp} of the accepted jobs`,
      );
    }
    if (result.redis) {
      const { commandsPerJob, scriptCallsPerJob, redisCpuUsPerJob, top } = result.redis;
      const most = top.map(({ command, perJob }) => `${command} ${perJob}`).join(', ');
      log(
        `  Redis per job: ${commandsPerJob} commands (${scriptCallsPerJob} script calls), ${redisCpuUsPerJob} µs of Redis CPU; most: ${most}`,
      );
    }
    if (result.non2xx) log(`  status codes ${JSON.stringify(result.statusCodes)}, sample ${JSON.stringify(result.non2xxSample)}`);
  }
  if (result.serverStderr && result.reqPerSec !== undefined) log(`  server stderr: ${oneLine(result.serverStderr, 500)}`);
}

// The round with the median req/s (its latencies and CPU shares with it); a failed round makes the scenario failed.
function median(results: ScenarioResult[]): ScenarioResult {
  const failed = results.find((result) => result.reqPerSec === undefined || !result.ok);
  if (failed || results.length === 1) return results.length === 1 ? results[0]! : failed!;
  const sorted = [...results].sort((a, b) => a.reqPerSec! - b.reqPerSec!);
  return {
    ...sorted[Math.floor((sorted.length - 1) / 2)]!,
    roundsReqPerSec: results.map((result) => result.reqPerSec!),
    roundsP99Ms: results.map((result) => result.p99Ms!),
  };
}

/**
 * Results go to .bench/ (ignored by git): the JSON and the page as it would read. Only --record touches
 * tracked files: bench/results/<label>.json and, for the label "latest", docs/BENCHMARKS.md (its History kept).
 */
function writeResults(report: Report): void {
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
    log(`wrote ${path}`);
  };
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const docs = join(root, 'docs', 'BENCHMARKS.md');
  const page = markdown(report, existingHistory(docs));
  write(`.bench/${LABEL}.json`, json);
  write(`.bench/BENCHMARKS.md`, page);
  if (!RECORD) {
    log(
      QUICK ? 'quick run: numbers prove the harness works, not for comparing' : 'not recorded: rerun with -- --record to update the docs',
    );
    return;
  }
  write(`bench/results/${LABEL}.json`, json);
  if (LABEL === 'latest') write('docs/BENCHMARKS.md', page);
}

await main();
killAll();
process.exit(0);
