import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, here } from './bench-settings.js';
import { sleep, summarize } from './bench-log.js';
import type { Adapter, ServerName } from './scenarios.js';

// Every server runs in a child process of its own; every child is killed when the runner ends, however it ends.

export const children = new Set<ChildProcess>();
export const killAll = () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};

export interface Server {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  /** Stops the server (SIGTERM, SIGKILL after 3 s); resolves with the events it reported, if any. */
  stop: () => Promise<number | null>;
  /** Asks the server (started with --expose-gc) for a full GC and its heap and RSS after it, in MB. */
  heapAfterGc: () => Promise<{ heapMb: number; rssMb: number } | undefined>;
  /** Asks a queue-mode library server how many jobs wait, run or are delayed. */
  queueBacklog: () => Promise<number | undefined>;
}

// The sample app as operators deploy it (`npm start`'s dist/main.js), pointed at a CINNOX it never calls.
const SAMPLE_ENV = {
  CINNOX_BASE_URL: 'http://127.0.0.1:9',
  CINNOX_APP_ID: 'bench',
  CINNOX_APP_TOKEN: 'bench-token',
  CINNOX_WEBHOOK_URL: '',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  NO_COLOR: '1',
};

/** The port a server reports: `READY <port>` from the bench servers, Nest's log line from the sample app. */
const READY = /^READY (\d+)$|Listening on http:\/\/127\.0\.0\.1:(\d+)/m;

/** A port free right now, for the sample app: at LOG_LEVEL=warn it does not log the port it listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on the port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

export async function startServer(
  server: ServerName,
  adapter?: Adapter,
  queue = false,
  execArgv: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<Server> {
  const samplePort = server === 'sample' ? await freePort() : 0;
  // The sample keeps its calls and delivery log in an embedded PGlite: a fresh folder per run, deleted when
  // the child is gone, so runs neither share nor pile up history (nor hold each other's lock).
  const dataFolder = server === 'sample' ? mkdtempSync(join(tmpdir(), 'cinnox-bench-')) : undefined;
  const script = server === 'sample' ? join(root, 'dist', 'main.js') : join(here, 'servers', `${server}.js`);
  const child = spawn(process.execPath, [...execArgv, script], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(samplePort),
      ADAPTER: adapter ?? '',
      BENCH_EXIT_WITH_PARENT: '1',
      BENCH_QUEUE: queue ? '1' : '',
      ...extraEnv,
      ...(server === 'sample'
        ? {
            ...SAMPLE_ENV,
            HTTP_ADAPTER: adapter ?? 'express',
            CINNOX_MODE: queue ? 'queue' : 'inline',
            CINNOX_DATA_DIR: join(dataFolder!, 'db'),
          }
        : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  // Only the tail of stdout is kept (the sample app may log per request); the lines the runner reads are
  // picked out as they arrive.
  let stdout = '';
  let stderr = '';
  let events: number | null = null;
  let heaps = 0;
  let heap: { heapMb: number; rssMb: number } | undefined;
  let backlogs = 0;
  let backlog: number | undefined;
  let partial = '';
  // 'close' comes after the child's stdout is drained, so its EVENTS line has been read by then.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  if (dataFolder !== undefined) void exited.then(() => rmSync(dataFolder, { recursive: true, force: true }));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout = (stdout + chunk).slice(-16_000);
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const [word, first, second] = line.split(' ');
      if (word === 'EVENTS') events = Number(first);
      if (word === 'HEAP') [heap, heaps] = [{ heapMb: Number(first), rssMb: Number(second) }, heaps + 1];
      if (word === 'BACKLOG') [backlog, backlogs] = [Number(first), backlogs + 1];
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdin!.on('error', () => {}); // EPIPE if the child is already gone
  child.on('error', (error) => {
    stderr = `${stderr}\n[spawn error] ${error.message}`.slice(-4000);
  });
  const heapAfterGc = async (): Promise<{ heapMb: number; rssMb: number } | undefined> => {
    const seen = heaps;
    child.kill('SIGUSR2');
    for (let i = 0; i < 100 && heaps === seen; i++) await sleep(50);
    return heaps === seen ? undefined : heap;
  };
  const queueBacklog = async (): Promise<number | undefined> => {
    const seen = backlogs;
    child.kill('SIGUSR1');
    for (let i = 0; i < 100 && backlogs === seen; i++) await sleep(20);
    return backlogs === seen ? undefined : backlog;
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
    // Generous: on a busy machine a Nest app with BullMQ can take this long to start.
    const timer = setTimeout(() => fail(`${server} printed no READY line within 60 s`), 60_000);
    const onSpawnError = (error: Error) => fail(`${server} could not be spawned: ${error.message}`);
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`${server} exited before READY (code ${code}, signal ${signal})`);
    child.once('error', onSpawnError);
    child.once('exit', onEarlyExit);
    const onData = () => {
      const match = READY.exec(stdout);
      if (!match) return;
      ready(Number(match[1] ?? match[2]));
    };
    const ready = (port: number) => {
      clearTimeout(timer);
      child.off('error', onSpawnError);
      child.off('exit', onEarlyExit);
      child.stdout!.off('data', onData);
      resolve({ child, port, stderr: () => stderr.trim(), stop, heapAfterGc, queueBacklog });
    };
    child.stdout!.on('data', onData);
    if (samplePort) {
      const poll = async () => {
        if (failed || child.exitCode !== null) return;
        if (await listening(samplePort)) ready(samplePort);
        else setTimeout(() => void poll(), 200);
      };
      void poll();
    }
  });
}
