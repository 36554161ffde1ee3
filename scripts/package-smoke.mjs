// npm run test:package: packs libs/cinnox, checks what the tarball holds, then runs the consumer apps of
// test/consumers in parallel in a temp folder (peers from the npm registry): NestJS 12 ESM with Vitest, NestJS 12
// on Fastify, NestJS 11 CommonJS with Jest. Each runs the README's quick start and test (see consumer-app.mjs);
// NestJS 11 then installs the optional peers (terminus 11, @nestjs/bullmq 11, bullmq, ioredis, pg, @opentelemetry/api)
// and runs the health, queue and redis entries against the real Redis (REDIS_URL, default 127.0.0.1:6379), the
// postgres entry against the real PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test), the
// otel entry with the OpenTelemetry SDK's in-memory exporter.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConsumer } from './consumer-app.mjs';

const root = new URL('..', import.meta.url).pathname;
const fixtures = join(root, 'test/consumers');
const consumers = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['nest12-vitest', 'nest12-fastify', 'nest11-jest'];
const work = mkdtempSync(join(tmpdir(), 'cinnox-pack-'));
const started = performance.now();

/** Every file the manifest points at must be in the tarball, and nothing that points at unshipped files. */
function checkTarball(listing) {
  const shipped = new Set(listing.map((path) => path.replace(/^package\//, '')));
  const manifest = JSON.parse(readFileSync(join(root, 'libs/cinnox/package.json'), 'utf8'));
  const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin), JSON.stringify(manifest.exports)]
    .join(' ')
    .match(/\.\/[\w/.-]+\.(?:js|ts|json)\b/g);
  const problems = [
    ...targets.filter((target) => !shipped.has(target.slice(2))).map((target) => `missing ${target}`),
    ...[...shipped].filter((path) => /\.map$|\.spec\.|\.tsbuildinfo$|^src\//.test(path)).map((path) => `should not ship ${path}`),
    ...['LICENSE', 'README.md', 'CHANGELOG.md', 'dist/cjs/package.json']
      .filter((path) => !shipped.has(path))
      .map((path) => `missing ${path}`),
  ];
  if (problems.length > 0) throw new Error(`tarball: ${problems.join('; ')}`);
}

try {
  execFileSync('npm', ['pack', '-w', 'nestjs-cinnox', '--pack-destination', work, '--silent'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tarball = join(
    work,
    execFileSync('ls', [work], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .find((name) => name.endsWith('.tgz')),
  );
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
  checkTarball(listing);
  console.log(`packed ${tarball.split('/').pop()}: ${(statSync(tarball).size / 1024).toFixed(1)} KiB, ${listing.length} files`);

  // arethetypeswrong: every entry resolves to matching types and code under node10, node16 (CJS and ESM), bundler.
  // `nestjs-cinnox/cli` (the CLI's runner, for scripts and tests) is ES modules only, like the `bin` it backs.
  let failed = false;
  const typesCheck = new Promise(
    (resolve, reject) =>
      execFile(
        'npx',
        ['--yes', '@arethetypeswrong/cli@0.18.5', tarball, '--format', 'ascii', '--exclude-entrypoints', './cli'],
        (error, stdout, stderr) => (error ? reject(new Error(`arethetypeswrong:\n${stdout}${stderr}`)) : resolve()),
      ),
    // Handled at once: it settles while the consumers still run, and an unhandled rejection would end the process.
  ).then(
    () => undefined,
    (error) => error,
  );
  const results = await Promise.allSettled(consumers.map((name) => runConsumer(name, fixtures, work, tarball)));
  const typesError = await typesCheck;
  if (typesError) {
    failed = true;
    console.error(`FAIL ${typesError.message}`);
  } else console.log('ok   arethetypeswrong: no problems');
  const durations = (timings = {}) => {
    const total = Object.values(timings).reduce((sum, ms) => sum + ms, 0);
    return `${(total / 1000).toFixed(1)} s: ${Object.entries(timings)
      .map(([label, ms]) => `${label} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')}`;
  };
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      console.log(`ok   ${consumers[index]} (${durations(result.value)})`);
    } else {
      failed = true;
      console.error(`FAIL ${consumers[index]} (${durations(result.reason?.timings)}): ${result.reason?.message ?? result.reason}`);
    }
  });
  console.log(`package test ${failed ? 'failed' : 'passed'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (failed) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
