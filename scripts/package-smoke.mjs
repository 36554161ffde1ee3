// Packs libs/cinnox, installs the tarball into a fresh NestJS app in a temp folder (peers from the npm
// registry), boots it and receives a call from the simulator, from ESM and from CommonJS (require(esm)).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'cinnox-pack-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

try {
  run('npm', ['pack', '-w', 'nestjs-cinnox', '--pack-destination', work, '--silent'], root);
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  const listing = run('tar', ['-tzf', join(work, tarball)], work)
    .trim()
    .split('\n');
  console.log(`packed ${tarball}: ${(statSync(join(work, tarball)).size / 1024).toFixed(1)} KiB, ${listing.length} files`);

  const app = join(work, 'app');
  run('mkdir', ['-p', app], work);
  const versions = JSON.parse(run('npm', ['pkg', 'get', 'dependencies', '--json'], root));
  const peers = [
    '@nestjs/axios',
    '@nestjs/common',
    '@nestjs/core',
    '@nestjs/event-emitter',
    '@nestjs/platform-express',
    'axios',
    'class-transformer',
    'class-validator',
    'reflect-metadata',
    'rxjs',
  ];
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'fresh-nest-app',
      private: true,
      type: 'module',
      dependencies: { 'nestjs-cinnox': `file:../${tarball}`, ...Object.fromEntries(peers.map((name) => [name, versions[name]])) },
    }),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app);

  const program = (importLine) => `${importLine}
const { Injectable, Module } = common;
class Listener { calls = []; start(event) { this.calls.push(event.callId); } }
Reflect.decorate([cinnox.OnCallStart()], Listener.prototype, 'start', Object.getOwnPropertyDescriptor(Listener.prototype, 'start'));
Reflect.decorate([Injectable()], Listener);
const main = async () => {
  const simulator = await testing.CinnoxSimulator.start({ appId: 'pack', appToken: 'pack-token' });
  class AppModule {}
  Reflect.decorate([Module({ imports: [emitter.EventEmitterModule.forRoot(), cinnox.CinnoxModule.forRoot({ baseUrl: simulator.baseUrl, appId: 'pack', appToken: 'pack-token' })], providers: [Listener] })], AppModule);
  const app = await core.NestFactory.create(AppModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  await app.get(cinnox.CinnoxSubscriptionService).subscribe('http://127.0.0.1:' + app.getHttpServer().address().port + '/cinnox/webhooks/call-events');
  const call = await simulator.placeCall();
  const ok = app.get(Listener).calls.includes(call.callId);
  await app.close();
  await simulator.stop();
  if (!ok) throw new Error('the call did not reach the listener');
  console.log('received call', call.callId);
};
main().catch((error) => { console.error(error); process.exitCode = 1; });
`;
  writeFileSync(
    join(app, 'esm.mjs'),
    program(`import 'reflect-metadata';
import * as common from '@nestjs/common'; import * as core from '@nestjs/core'; import * as emitter from '@nestjs/event-emitter';
import * as cinnox from 'nestjs-cinnox'; import * as testing from 'nestjs-cinnox/testing';`),
  );
  writeFileSync(
    join(app, 'cjs.cjs'),
    program(`require('reflect-metadata');
const common = require('@nestjs/common'); const core = require('@nestjs/core'); const emitter = require('@nestjs/event-emitter');
const cinnox = require('nestjs-cinnox'); const testing = require('nestjs-cinnox/testing');`),
  );
  console.log(`ESM consumer: ${run('node', ['esm.mjs'], app).trim()}`);
  console.log(`CommonJS consumer (require of ESM): ${run('node', ['cjs.cjs'], app).trim()}`);
  console.log(`CLI: ${run('npx', ['--no-install', 'nestjs-cinnox', '--help'], app).split('\n')[0]}`);
  console.log('package smoke test passed');
} finally {
  rmSync(work, { recursive: true, force: true });
}
