import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEndNotification, callStartNotification, CinnoxSimulator } from 'nestjs-cinnox/testing';
import { REDIS_URL, redisAvailable } from '../support/redis.js';

// Three processes of the sample app (as `npm start` builds it) in queue mode share one Redis behind a
// round-robin proxy; the simulator redelivers anything not answered 2xx. One replica is killed with
// SIGKILL mid-burst and restarted. Every call's start and end must take effect exactly once.

const reachable = await redisAvailable('the multi-replica test');
const CALLS = 5000;
const DUPLICATE_SHARE = 0.1;
const LANES = 16;
const root = new URL('../..', import.meta.url).pathname;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`replica on ${port} exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`replica on ${port} did not come up`);
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
  const replicas = new Map<number, ChildProcess>();
  let simulator: CinnoxSimulator;
  let balancer: Server;
  let redis: Redis;

  const startReplica = async (port: number): Promise<void> => {
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: root,
      stdio: 'ignore',
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        CINNOX_BASE_URL: simulator.baseUrl,
        CINNOX_APP_ID: simulator.appId,
        CINNOX_APP_TOKEN: simulator.appToken,
        CINNOX_MODE: 'queue',
        REDIS_URL,
        CINNOX_QUEUE_PREFIX: prefix,
        CINNOX_QUEUE_LOCK_MS: '2000',
        CINNOX_WEBHOOK_URL: '',
      },
    });
    replicas.set(port, child);
    await waitForHealth(port, child);
  };

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' });
    simulator = await CinnoxSimulator.start({ appId: 'replicas-app', appToken: 'replicas-token' });
    redis = new Redis(REDIS_URL);
    const ports = [await freePort(), await freePort(), await freePort()];
    await Promise.all(ports.map(startReplica));
    balancer = roundRobin(ports);
    await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
  }, 120_000);

  afterAll(async () => {
    for (const child of replicas.values()) child.kill('SIGKILL');
    balancer?.close();
    await simulator?.stop();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
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
    const victim = [...replicas.keys()][1]!;
    const lane = async () => {
      while (sent < bodies.length) {
        const body = bodies[sent++]!;
        const delivery = await simulator.deliver(body, { retries: 200, retryDelayMs: 25 });
        if (delivery.status !== 200) failed++;
        if (sent >= Math.floor(bodies.length * 0.3) && killed === 0) {
          killed++;
          replicas.get(victim)!.kill('SIGKILL');
          setTimeout(() => void startReplica(victim), 300);
        }
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    expect(failed).toBe(0);
    expect(killed).toBe(1);

    const effectsKey = `${prefix}:journal:effects`;
    for (let i = 0; i < 600 && (await redis.hlen(effectsKey)) < ids.length * 2; i++) await new Promise((r) => setTimeout(r, 100));
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
