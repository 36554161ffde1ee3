import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callEndNotification, callStartNotification } from 'nestjs-cinnox/testing';
import { afterEach, describe, expect } from 'vitest';
import { adminRequest } from './support/admin-client.js';
import { cinnoxEnv, test } from './support/e2e.fixture.js';

// Issue 21 §4: with neither DATABASE_URL nor a server, the sample keeps its calls and delivery log in an
// embedded PGlite in CINNOX_DATA_DIR (here a temporary folder of this test's own), so they survive a restart;
// a folder another process has open is refused at start, and a lock left by a dead process is not.

const TOKEN = 'admin-token-0123456789';
const POLL = { timeout: 8000 };

describe('the sample on its embedded database', () => {
  const folders: string[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });
  const dataDir = async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cinnox-sample-'));
    folders.push(folder);
    return join(folder, 'db');
  };

  test('keeps the calls and the delivery log across a restart', { timeout: 60_000 }, async ({ simulator, startSample }) => {
    const env = { ...cinnoxEnv(simulator), CINNOX_DATA_DIR: await dataDir(), ADMIN_TOKEN: TOKEN };
    const first = await startSample(env);
    await first.subscribe();
    await simulator.deliver(callStartNotification({ id: 'kept-1' }));
    await expect.poll(async () => (await first.get('/calls/kept-1')).status, POLL).toBe(200);
    await simulator.deliver(callEndNotification('kept-1'));
    await expect.poll(async () => (await first.get('/calls/kept-1')).body.status, POLL).toBe('ended');
    await first.close();
    expect(existsSync(`${env.CINNOX_DATA_DIR}.lock`)).toBe(false);

    const second = await startSample(env);
    expect((await second.get('/calls/kept-1')).body).toMatchObject({ id: 'kept-1', status: 'ended', startedAt: expect.any(String) });
    const log = await adminRequest(second.url, '/admin/deliveries', { token: TOKEN });
    expect(log.body.map((entry: { eventIds: string[]; outcome: string }) => [entry.eventIds[0], entry.outcome])).toEqual([
      ['call:kept-1:CallStart', 'delivered'],
      ['call:kept-1:CallEnd', 'delivered'],
    ]);
  });

  test(
    'refuses a data folder another process has open, naming CINNOX_DATA_DIR and DATABASE_URL; takes over the lock of a dead one',
    {
      timeout: 60_000,
    },
    async ({ simulator, startSample }) => {
      const folder = await dataDir();
      const env = { ...cinnoxEnv(simulator), CINNOX_DATA_DIR: folder };
      // Another process holding the folder: a live child whose pid is in the lock file.
      const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      try {
        await new Promise((resolve) => other.once('spawn', resolve));
        await writeFile(`${folder}.lock`, String(other.pid));
        await expect(startSample(env)).rejects.toThrow(
          new RegExp(`open in another process \\(pid ${other.pid};[\\s\\S]*Set CINNOX_DATA_DIR[\\s\\S]*DATABASE_URL`),
        );
      } finally {
        other.kill();
      }
      await new Promise((resolve) =>
        other.exitCode !== null || other.signalCode !== null ? resolve(undefined) : other.once('exit', resolve),
      );

      // The holder is gone: its lock is stale and is taken over. A second app on the folder, now held by this
      // process, is refused in turn.
      const sample = await startSample(env);
      expect((await sample.get('/calls')).status).toBe(200);
      await expect(startSample(env)).rejects.toThrow(`(pid ${process.pid}, this one;`);
    },
  );
});
