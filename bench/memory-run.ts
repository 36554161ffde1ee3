import { FLAT_CRITERION, MEMORY_AMOUNT, WARMUP } from './bench-settings.js';
import { log, message, round } from './bench-log.js';
import { startServer, type Server } from './child-server.js';
import { cpuShare, cpuSnapshot, rssMb, type CpuShare } from './cpu-share.js';
import { load, probe, statusCodes, type LoadRun } from './load.js';
import type { Adapter } from './scenarios.js';

// The long run: MEMORY_AMOUNT distinct notifications through one library server, its heap after a full GC
// sampled every 5 s.

export interface MemoryRun {
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

export async function memoryRun(adapter: Adapter, limitSeconds: number): Promise<MemoryRun> {
  let server: Server | undefined;
  try {
    // The call tracker on (memory store): its records are capped, so the heap must stay flat with it too.
    server = await startServer('library', adapter, false, ['--expose-gc'], { BENCH_TRACKER: 'memory' });
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
    // The dedupe store and the tracker fill (100,000 keys each) at a pace set by the request rate: judge the second half.
    const settled = heaps.filter((heap) => heap.atSeconds >= seconds / 2).map((heap) => heap.heapMb);
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
