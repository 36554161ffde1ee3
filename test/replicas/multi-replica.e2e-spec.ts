import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEndNotification, callStartNotification, CinnoxSimulator } from 'nestjs-cinnox/testing';
import { deleteRedisKeys, REDIS_URL, redisAvailable } from '../support/redis.js';
import { requireBuild, spawnReplica } from './support/replica.js';

// Three processes of the sample app (as `npm start` builds it) in queue mode share one Redis behind a
// round-robin proxy; the simulator redelivers anything not answered 2xx. One replica is killed with
// SIGKILL mid-burst and restarted. Every call's start, end and completion must take effect exactly once.
// Then two replicas get the two halves of each call: each call completes once, and both show one record.
// It runs the built app (dist/main.js): `npm run test:slow` builds it first.

const reachable = await redisAvailable('the multi-replica test');
// REPLICA_CALLS shrinks the burst to check the mechanics quickly on a busy machine.
const CALLS = Number(process.env.REPLICA_CALLS ?? 5000);
const DUPLICATE_SHARE = 0.1;
const LANES = 16;

if (reachable) requireBuild();

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
      CINNOX_BASE_URL: simulator.baseUrl,
      CINNOX_APP_ID: simulator.appId,
      CINNOX_APP_TOKEN: simulator.appToken,
      CINNOX_QUEUE_PREFIX: prefix,
      CINNOX_QUEUE_LOCK_MS: '2000',
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
  });

  afterAll(async () => {
    for (const child of replicas) child.kill('SIGKILL');
    balancer?.close();
    await simulator?.stop();
    await redis?.quit();
    await deleteRedisKeys(`${prefix}:*`);
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
    let restarted: Promise<void> | undefined;
    const victim = 1;
    const lane = async () => {
      while (sent < bodies.length) {
        const body = bodies[sent++]!;
        const delivery = await simulator.deliver(body, { retries: 200, retryDelayMs: 25 });
        if (delivery.status !== 200) failed++;
        if (sent >= Math.floor(bodies.length * 0.3) && !restarted) {
          replicas[victim]!.kill('SIGKILL');
          // Restarted a moment later, as a supervisor would; meanwhile the balancer's 502s make the simulator redeliver.
          restarted = new Promise((resolve) => setTimeout(resolve, 300)).then(() => startReplica(victim));
        }
      }
    };
    const burstStarted = Date.now();
    await Promise.all(Array.from({ length: LANES }, lane));
    const burstSeconds = (Date.now() - burstStarted) / 1000;
    expect(failed).toBe(0);
    expect(restarted).toBeDefined();
    await restarted;

    const effectsKey = `${prefix}:journal:effects`;
    const settleStarted = Date.now();
    // Well inside the test's timeout, so a shortfall is reported with its count.
    await expect.poll(() => redis.hlen(effectsKey), { timeout: 90_000, interval: 100 }).toBe(ids.length * 3);
    const effects = await redis.hgetall(effectsKey);
    const deliveries = await redis.hgetall(`${prefix}:journal:deliveries`);
    const expected = ids.flatMap((id) => [`call:${id}:CallStart`, `call:${id}:CallEnd`, `call:${id}:completed`]).sort();
    const repeated = Object.values(deliveries).filter((count) => Number(count) > 1).length;
    console.log(
      `replicas: ${bodies.length} notifications (${duplicates} duplicates) over 3 replicas, 1 killed with SIGKILL mid-burst and restarted; ` +
        `delivered in ${burstSeconds} s, settled ${(Date.now() - settleStarted) / 1000} s later; ` +
        `${simulator.deliveries.length} webhook attempts (redeliveries included); ${Object.keys(effects).length} events took effect, ` +
        `each exactly once; ${repeated} reached a listener more than once (absorbed by the event id)`,
    );
    expect(Object.keys(effects).sort()).toEqual(expected);
    expect(new Set(Object.values(effects))).toEqual(new Set(['1']));
  });
});

describe.skipIf(!reachable)('two replicas with the halves of each call, queue mode on the real Redis', () => {
  const prefix = `cinnox-tracker-${randomUUID()}`;
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  let simulator: CinnoxSimulator;
  let redis: Redis;

  beforeAll(async () => {
    simulator = await CinnoxSimulator.start({ appId: 'tracker-app', appToken: 'tracker-token' });
    redis = new Redis(REDIS_URL);
    const env = {
      CINNOX_BASE_URL: simulator.baseUrl,
      CINNOX_APP_ID: 'tracker-app',
      CINNOX_APP_TOKEN: 'tracker-token',
      CINNOX_QUEUE_PREFIX: prefix,
    };
    for (const { child, port } of await Promise.all([spawnReplica(env), spawnReplica(env)])) {
      children.push(child);
      ports.push(port);
    }
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await simulator?.stop();
    await redis?.quit();
    await deleteRedisKeys(`${prefix}:*`);
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
        // A redelivery's back-off, not a wait for an outcome.
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
    const completed = async () => (await redis.hkeys(effectsKey)).filter((key) => key.endsWith(':completed')).length;
    await expect.poll(completed, { timeout: 30_000, interval: 100 }).toBe(ids.length);
    const deliveries = await redis.hgetall(`${prefix}:journal:deliveries`);
    expect(ids.filter((id) => deliveries[`call:${id}:completed`] !== '1')).toEqual([]);

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
