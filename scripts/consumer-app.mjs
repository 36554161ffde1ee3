// One consumer app of the packed library (a folder of test/consumers): README code in, README install,
// strict type check without the optional peers, the app's own test, then the built app booted and fed
// calls by `npx nestjs-cinnox simulate`; then, for a folder with a peers/ folder, the optional peers it
// lists and the entries that need them. Every step runs as a child process; each app owns its folder.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { readmeFor } from './readme-blocks.mjs';

const OPTIONAL_PEERS = ['ioredis', 'bullmq', '@nestjs/bullmq', '@nestjs/terminus', 'pg'];

/** Runs `cmd` in `cwd`; resolves with its output, rejects with it when the exit code is not 0. */
function run(cmd, args, cwd, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code} in ${cwd}:\n${output}`)),
    );
  });
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Starts the built app, resolves once it listens; `stop()` ends it (by its own pid). */
async function startApp(cwd, port) {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      CINNOX_BASE_URL: 'https://api.example.com',
      CINNOX_APP_ID: 'demo',
      CINNOX_APP_TOKEN: 'demo',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('close', resolve));
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  const deadline = Date.now() + 60_000;
  while (!(await accepts(port))) {
    if (exitedEarly) throw new Error(`the app exited before listening:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the app did not listen within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Runs every step of one consumer in `work/<name>` with the tarball at `tarball`; resolves with the
 * duration of each step in ms.
 */
export async function runConsumer(name, fixtures, work, tarball) {
  const app = join(work, name);
  const timings = {};
  const step = async (label, action) => {
    const started = performance.now();
    try {
      return await action();
    } catch (error) {
      error.message = `${label}: ${error.message}`;
      error.timings = timings;
      throw error;
    } finally {
      timings[label] = Math.round(performance.now() - started);
    }
  };

  // peers/ joins the app only once its optional peers are installed (see the end).
  const peers = join(fixtures, name, 'peers');
  cpSync(join(fixtures, name), app, { recursive: true, filter: (path) => path !== peers });
  const { files, install } = readmeFor(name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(app, path)), { recursive: true });
    writeFileSync(join(app, path), text);
  }
  // The README's own install command, with the packed tarball in place of the registry's nestjs-cinnox.
  const packages = install.map((spec) => (spec === 'nestjs-cinnox' ? tarball : spec));
  await step('install', () => run('npm', ['install', ...packages, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app));
  const present = OPTIONAL_PEERS.filter((peer) => existsSync(join(app, 'node_modules', peer)));
  if (present.length > 0)
    throw new Error(`${name}: optional peers were installed (${present.join(', ')}); the type check would prove nothing`);

  await step('typecheck', () => run('npx', ['--no-install', 'tsc', '-p', 'tsconfig.check.json'], app));
  await step('test', () => run('npm', ['test'], app));
  await step('boot+simulate', async () => {
    // Type-checked already; --noCheck only emits.
    await run('npx', ['--no-install', 'tsc', '-p', 'tsconfig.build.json', '--noCheck'], app);
    const port = await freePort();
    const server = await startApp(app, port);
    try {
      const cli = await run(
        'npx',
        [
          '--no-install',
          'nestjs-cinnox',
          'simulate',
          `http://127.0.0.1:${port}/cinnox/webhooks/call-events`,
          '--calls',
          '2',
          '--interval',
          '0',
        ],
        app,
      );
      const ids = [...cli.matchAll(/^CallStart (\S+): HTTP 200/gm)].map((match) => match[1]);
      if (ids.length !== 2) throw new Error(`${name}: simulate did not deliver 2 calls:\n${cli}`);
      // The app's log reaches us through its own pipe, maybe after the CLI's answer: poll it briefly.
      const unlogged = () =>
        ids.filter((id) => !server.output().includes(`call ${id} started`) || !server.output().includes(`call ${id} ended`));
      for (const deadline = Date.now() + 5000; unlogged().length > 0 && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const missing = unlogged();
      if (missing.length > 0) throw new Error(`${name}: the listener did not log calls ${missing.join(', ')}:\n${server.output()}`);
    } finally {
      await server.stop();
    }
  });
  if (existsSync(peers)) await runWithPeers(app, peers, step);
  return timings;
}

/**
 * The entries that need optional peers (health, queue, redis, postgres, otel): installs the peers of `peers/peers.json`,
 * adds `peers/src` and `peers/test` to the app, then type-checks strictly (declaration files included),
 * runs their test (real HTTP, the real Redis of REDIS_URL, default 127.0.0.1:6379, and the real PostgreSQL of DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and builds with the
 * type check on, as `nest build` does.
 */
async function runWithPeers(app, peers, step) {
  const { install } = JSON.parse(readFileSync(join(peers, 'peers.json'), 'utf8'));
  await step('peers install', () =>
    run('npm', ['install', ...install, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app),
  );
  cpSync(join(peers, 'src'), join(app, 'src'), { recursive: true });
  cpSync(join(peers, 'test'), join(app, 'test'), { recursive: true });
  await step('peers typecheck', () => run('npx', ['--no-install', 'tsc', '-p', 'tsconfig.check.json'], app));
  await step('peers test', () => run('npx', ['--no-install', 'jest', 'peers'], app));
  await step('peers build', () => run('npx', ['--no-install', 'tsc', '-p', 'tsconfig.build.json'], app));
}
