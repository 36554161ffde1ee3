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
// SIGKILL mid-burst and restarted. Every call's start, end and completion must take effect exactly once.
// Then two replicas get the two halves of each call: each call completes once, and both show one record.

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

let build: Promise<void> | undefined;
/** Builds the sample once for every describe of this file. */
function buildOnce(): Promise<void> {
  build ??= Promise.resolve().then(() => void execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' }));
  return build;
}

/** Starts `dist/main.js` in queue mode on `port` with `env` on top (wait for it with `waitForHealth`). */
function spawnReplica(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['dist/main.js'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CINNOX_MODE: 'queue', REDIS_URL, CINNOX_WEBHOOK_URL: '', ...env },
  });
}

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  // A cold start takes several seconds on a busy machine.
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
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
    const child = spawnReplica(port, {
      CINNOX_BASE_URL: simulator.baseUrl,
      CINNOX_APP_ID: simulator.appId,
      CINNOX_APP_TOKEN: simulator.appToken,
      CINNOX_QUEUE_PREFIX: prefix,
      CINNOX_QUEUE_LOCK_MS: '2000',
    });
    replicas.set(port, child);
    await waitForHealth(port, child);
  };

  beforeAll(async () => {
    await buildOnce();
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

  it('takes every call start, end and completion exactly once, through duplicates and a kill -9', async () => {
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
    const burstStarted = Date.now();
    await Promise.all(Array.from({ length: LANES }, lane));
    const burstSeconds = (Date.now() - burstStarted) / 1000;
    expect(failed).toBe(0);
    expect(killed).toBe(1);

    const effectsKey = `${prefix}:journal:effects`;
    const settleStarted = Date.now();
    for (let i = 0; i < 600 && (await redis.hlen(effectsKey)) < ids.length * 3; i++) await new Promise((r) => setTimeout(r, 100));
    const effects = await redis.hgetall(effectsKey);
    const deliveries = await redis.hgetall(`${prefix}:journal:deliveries`);
    const expected = ids.flatMap((id) => [`${id}:CallStart`, `${id}:CallEnd`, `${id}:CallCompleted`]).sort();
    const repeated = Object.values(deliveries).filter((count) => Number(count) > 1).length;
    const webhookAttempts = simulator.deliveries.length;
    console.log(
      `replicas: ${bodies.length} notifications (${duplicates} duplicates) over 3 replicas, ${killed} killed with SIGKILL mid-burst and restarted; ` +
        `delivered in ${burstSeconds} s, settled ${(Date.now() - settleStarted) / 1000} s later; ` +
        `${webhookAttempts} webhook attempts (redeliveries included); ${Object.keys(effects).length} events took effect, ` +
        `each exactly once; ${repeated} reached a listener more than once (absorbed by the event id)`,
    );
    expect(Object.keys(effects).sort()).toEqual(expected);
    expect(new Set(Object.values(effects))).toEqual(new Set(['1']));
  }, 300_000); // 108 s when it passed, over 180 s twice when the shared 2-core machine was busier
});

describe.skipIf(!reachable)('two replicas with the halves of each call, queue mode on the real Redis', () => {
  const prefix = `cinnox-tracker-${randomUUID()}`;
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  let simulator: CinnoxSimulator;
  let redis: Redis;

  beforeAll(async () => {
    await buildOnce();
    simulator = await CinnoxSimulator.start({ appId: 'tracker-app', appToken: 'tracker-token' });
    redis = new Redis(REDIS_URL);
    ports.push(await freePort(), await freePort());
    const env = {
      CINNOX_BASE_URL: simulator.baseUrl,
      CINNOX_APP_ID: 'tracker-app',
      CINNOX_APP_TOKEN: 'tracker-token',
      CINNOX_QUEUE_PREFIX: prefix,
    };
    children.push(...ports.map((port) => spawnReplica(port, env)));
    await Promise.all(ports.map((port, i) => waitForHealth(port, children[i]!)));
  }, 120_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await simulator?.stop();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('completes every call exactly once and shows both replicas the same record', async () => {
    const statuses = new Map<number, number>();
    // Like CINNOX, delivers again until the answer is 2xx (a busy replica may answer 503).
    const post = async (port: number, body: object): Promise<number> => {
      for (let attempt = 0; ; attempt++) {
        const response = await fetch(`http://127.0.0.1:${port}/cinnox/webhooks/call-events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 200 || attempt === 50) return response.status;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const ids = Array.from({ length: 300 }, (_, i) => `tracked-${i}`);
    // Each call's start goes to one replica and its end to the other, at once (so either may come first),
    // and every third call has its end delivered again, to the replica that took the start.
    const answers = await Promise.all(
      ids.flatMap((id, i) => {
        const [a, b] = i % 2 === 0 ? [ports[0]!, ports[1]!] : [ports[1]!, ports[0]!];
        const sends = [post(a, callStartNotification({ id, caller: { number: 85200000000 + i } })), post(b, callEndNotification(id))];
        return i % 3 === 0 ? [...sends, post(a, callEndNotification(id))] : sends;
      }),
    );
    expect(
      answers.every((status) => status === 200),
      `answers by status: ${JSON.stringify([...statuses])}`,
    ).toBe(true);

    const effectsKey = `${prefix}:journal:effects`;
    const completed = async () => (await redis.hkeys(effectsKey)).filter((key) => key.endsWith(':CallCompleted')).length;
    await expect.poll(completed, { timeout: 30_000, interval: 100 }).toBe(ids.length);
    const deliveries = await redis.hgetall(`${prefix}:journal:deliveries`);
    expect(ids.filter((id) => deliveries[`${id}:CallCompleted`] !== '1')).toEqual([]);

    // Starts that came after their end fill the record in on their own job: wait until every call has its caller.
    const ended = (port: number): Promise<any[]> =>
      fetch(`http://127.0.0.1:${port}/calls?status=ended&limit=1000`).then((r) => r.json() as Promise<any[]>);
    await expect
      .poll(async () => (await ended(ports[0]!)).filter((call) => call.caller !== null).length, { timeout: 30_000 })
      .toBe(ids.length);
    const listed = await Promise.all(ports.map(ended));
    expect(listed[0]!.map((call) => call.id as string).sort()).toEqual([...ids].sort());
    for (const id of ids.filter((_, i) => i % 30 === 0)) {
      const [first, second] = await Promise.all(ports.map((port) => fetch(`http://127.0.0.1:${port}/calls/${id}`).then((r) => r.json())));
      expect(first).toEqual(second);
      expect(first).toMatchObject({ id, status: 'ended', caller: { number: expect.any(String) }, endedAt: expect.any(String) });
    }
    expect(listed[0]).toEqual(listed[1]);
  });
});
