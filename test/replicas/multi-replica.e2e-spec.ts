import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callEndNotification, callStartNotification, CinnoxSimulator } from 'nestjs-cinnox/testing';
import { deleteRedisKeys, REDIS_URL, redisAvailable } from '../support/redis.js';

// Three processes of the sample app (as `npm start` builds it) in queue mode share one Redis behind a
// round-robin proxy; the simulator redelivers anything not answered 2xx. One replica is killed with
// SIGKILL mid-burst and restarted. Every call's start and end must take effect exactly once.
// It runs the built app (dist/main.js): `npm run test:slow` builds it first.

const reachable = await redisAvailable('the multi-replica test');
// REPLICA_CALLS shrinks the burst to check the mechanics quickly on a busy machine.
const CALLS = Number(process.env.REPLICA_CALLS ?? 5000);
const DUPLICATE_SHARE = 0.1;
const LANES = 16;
const root = new URL('../..', import.meta.url).pathname;

if (reachable && !existsSync(`${root}dist/main.js`))
  throw new Error('dist/main.js is missing: run this suite with `npm run test:slow` (it builds first).');

/** Starts one replica on port 0 and resolves with the port it reports once listening and healthy. */
async function spawnReplica(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, NO_COLOR: '1' } });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const port = await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`a replica exited with ${child.exitCode}: ${output.slice(-500)}`);
      const match = /Listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (!match) throw new Error(`a replica printed no "Listening on" line yet: ${output.slice(-500)}`);
      return Number(match[1]);
    },
    { timeout: 30_000, interval: 50 },
  );
  await vi.waitFor(async () => expect((await fetch(`http://127.0.0.1:${port}/health`)).ok).toBe(true), { timeout: 10_000, interval: 50 });
  return { child, port };
}

/** A load balancer: each request to the next replica in turn; an unreachable one answers 502. */
function roundRobin(ports: number[]): Server {
  let next = 0;
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const port = ports[next++ % ports.length];
      fetch(`http://127.0.0.1:${port}${req.url}`, {
        method: req.method,
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      })
        .then(async (upstream) => res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text()))
        .catch(() => res.writeHead(502).end('{"code":502,"message":"upstream unavailable"}'));
    });
  });
}

describe.skipIf(!reachable)('three replicas behind one URL, queue mode on the real Redis', () => {
  const prefix = `cinnox-replicas-${randomUUID()}`;
  const replicas: ChildProcess[] = [];
  const ports: number[] = [];
  let simulator: CinnoxSimulator;
  let balancer: Server;
  let redis: Redis;

  /** Starts replica `slot` (again, after a kill): the balancer sends its share to the new port. */
  const startReplica = async (slot: number): Promise<void> => {
    const { child, port } = await spawnReplica({
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CINNOX_BASE_URL: simulator.baseUrl,
      CINNOX_APP_ID: simulator.appId,
      CINNOX_APP_TOKEN: simulator.appToken,
      CINNOX_MODE: 'queue',
      REDIS_URL,
      CINNOX_QUEUE_PREFIX: prefix,
      CINNOX_QUEUE_LOCK_MS: '2000',
      CINNOX_WEBHOOK_URL: '',
    });
    replicas[slot] = child;
    ports[slot] = port;
  };

  beforeAll(async () => {
    simulator = await CinnoxSimulator.start({ appId: 'replicas-app', appToken: 'replicas-token' });
    redis = new Redis(REDIS_URL);
    await Promise.all([0, 1, 2].map(startReplica));
    balancer = roundRobin(ports);
    await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
  }, 120_000);

  afterAll(async () => {
    for (const child of replicas) child.kill('SIGKILL');
    balancer?.close();
    await simulator?.stop();
    await deleteRedisKeys(`${prefix}:*`);
    await redis.quit();
  });

  it('takes every call start and end exactly once, through duplicates and a kill -9', async () => {
    const url = `http://127.0.0.1:${(balancer.address() as AddressInfo).port}/cinnox/webhooks/call-events`;
    const subscribed = await fetch(`${simulator.baseUrl}/v1/api/apps/replicas-app/call-event-sub`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer replicas-token', 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true, url }),
    });
    expect(subscribed.status).toBe(200);

    const ids = Array.from({ length: CALLS }, (_, i) => `replica-call-${i}`);
    const bodies: object[] = ids.flatMap((id) => [callStartNotification({ id }), callEndNotification(id)]);
    const duplicates = Math.round(bodies.length * DUPLICATE_SHARE);
    for (let i = 0; i < duplicates; i++) bodies.splice(Math.floor(Math.random() * bodies.length), 0, bodies[(i * 7919) % bodies.length]!);

    let sent = 0;
    let failed = 0;
    let killed = 0;
    const victim = 1;
    const lane = async () => {
      while (sent < bodies.length) {
        const body = bodies[sent++]!;
        const delivery = await simulator.deliver(body, { retries: 200, retryDelayMs: 25 });
        if (delivery.status !== 200) failed++;
        if (sent >= Math.floor(bodies.length * 0.3) && killed === 0) {
          killed++;
          replicas[victim]!.kill('SIGKILL');
          setTimeout(() => void startReplica(victim), 300);
        }
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    expect(failed).toBe(0);
    expect(killed).toBe(1);

    const effectsKey = `${prefix}:journal:effects`;
    // Well inside the test's timeout, so a shortfall is reported with its count.
    await expect.poll(() => redis.hlen(effectsKey), { timeout: 60_000, interval: 100 }).toBe(ids.length * 2);
    const effects = await redis.hgetall(effectsKey);
    const deliveries = await redis.hgetall(`${prefix}:journal:deliveries`);
    const expected = ids.flatMap((id) => [`${id}:CallStart`, `${id}:CallEnd`]).sort();
    const repeated = Object.values(deliveries).filter((count) => Number(count) > 1).length;
    const webhookAttempts = simulator.deliveries.length;
    console.log(
      `replicas: ${bodies.length} notifications (${duplicates} duplicates) over 3 replicas, ${killed} killed with SIGKILL mid-burst and restarted; ` +
        `${webhookAttempts} webhook attempts (redeliveries included); ${Object.keys(effects).length} events took effect, ` +
        `each exactly once; ${repeated} reached a listener more than once (absorbed by the event id)`,
    );
    expect(Object.keys(effects).sort()).toEqual(expected);
    expect(new Set(Object.values(effects))).toEqual(new Set(['1']));
  }, 180_000);
});
