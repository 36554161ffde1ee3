import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, vi } from 'vitest';
import { REDIS_URL } from '../../support/redis.js';

const root = new URL('../../..', import.meta.url).pathname;

/** Throws unless the built sample is there: `npm run test:slow` builds it before the replica tests. */
export function requireBuild(): void {
  if (!existsSync(`${root}dist/main.js`))
    throw new Error('dist/main.js is missing: run this suite with `npm run test:slow` (it builds first).');
}

/** One process of the built sample app and the port it listens on. */
export interface Replica {
  child: ChildProcess;
  port: number;
}

/**
 * Starts `dist/main.js` in queue mode on the real Redis with `env` on top, on port 0, and resolves with the
 * port it reports ("Listening on <url>", src/main.ts) once /health answers.
 */
export async function spawnReplica(env: NodeJS.ProcessEnv): Promise<Replica> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The log off: calls stay in Redis (no DATABASE_URL), and an embedded log would be one folder for every replica.
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CINNOX_MODE: 'queue',
      REDIS_URL,
      CINNOX_WEBHOOK_URL: '',
      CINNOX_DELIVERY_LOG: 'off',
      NO_COLOR: '1',
      ...env,
    },
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  // A cold start takes several seconds on a busy machine.
  const port = await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`a replica exited with ${child.exitCode}: ${output.slice(-500)}`);
      const match = /Listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (!match) throw new Error(`a replica printed no "Listening on" line yet: ${output.slice(-500)}`);
      return Number(match[1]);
    },
    { timeout: 60_000, interval: 50 },
  );
  await vi.waitFor(async () => expect((await fetch(`http://127.0.0.1:${port}/health`)).ok).toBe(true), { timeout: 20_000, interval: 50 });
  return { child, port };
}
