import autocannon from 'autocannon';
import { isDeepStrictEqual } from 'node:util';
import { parseJsonOrText } from '../test/support/parse-json-or-text.js';
import { CHALLENGE_BODY, CONNECTIONS, HEADERS, PATH } from './bench-settings.js';
import { round } from './bench-log.js';
import { inquiryNotification, outboundSmsNotification, recordingNotification } from 'nestjs-cinnox/testing';
import type { BodyKind } from './scenarios.js';

// Load generation with autocannon, and what is read from its results.

// Unique call ids across the whole run (warm-ups included), so the dedupe store admits every notification.
export const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
export let sequence = 0;
export const notificationBody = () =>
  JSON.stringify({
    message: {
      id: `bench-${runId}-${sequence++}`,
      status: 'CallStart',
      serviceId: 's',
      caller: { eid: 'e', number: 85212345678 },
      callees: { number: '+85298765432' },
    },
  });

// Other hooks' notifications from the library's own fixtures: each has a fresh random id, so none is a duplicate.
const hookBodies: Record<Exclude<BodyKind, 'challenge'>, () => string> = {
  notification: notificationBody,
  recording: () => JSON.stringify(recordingNotification({ challenge: null })),
  inquiry: () => JSON.stringify(inquiryNotification()),
  'outbound-sms': () => JSON.stringify(outboundSmsNotification()),
};
const pathFor = (kind: BodyKind) => (kind === 'challenge' || kind === 'notification' ? PATH : `/cinnox/webhooks/${kind}-events`);

export function requestFor(kind: BodyKind, onResponse?: autocannon.Request['onResponse']): autocannon.Request {
  const base: autocannon.Request = { method: 'POST', path: pathFor(kind), headers: HEADERS, ...(onResponse ? { onResponse } : {}) };
  if (kind === 'challenge') return { ...base, body: CHALLENGE_BODY };
  const body = hookBodies[kind];
  return {
    ...base,
    setupRequest(req: autocannon.Request) {
      req.body = body();
      return req;
    },
  };
}

export interface LoadRun {
  result: autocannon.Result;
  cutShort: boolean;
}

/**
 * One autocannon run, stopped after `limitSeconds` whatever its duration or amount says. With
 * `latencies`, the response time of every 2xx answer (as autocannon measures it) is pushed to it.
 */
export function load(
  port: number,
  kind: BodyKind,
  run: { duration: number } | { amount: number },
  limitSeconds: number,
  options: { onResponse?: autocannon.Request['onResponse']; latencies?: number[] } = {},
): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    let cutShort = false;
    let settled = false;
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        pipelining: 1,
        timeout: 10,
        requests: [requestFor(kind, options.onResponse)],
        ...run,
      },
      (error, result) => {
        if (settled) return;
        settled = true;
        clearTimeout(limit);
        clearTimeout(hardLimit);
        if (error) reject(error);
        else resolve({ result, cutShort });
      },
    );
    const latencies = options.latencies;
    if (latencies) {
      instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
        if (status >= 200 && status < 300) latencies.push(responseTime);
      });
    }
    const limit = setTimeout(() => {
      cutShort = true;
      instance.stop();
    }, limitSeconds * 1000);
    const hardLimit = setTimeout(
      () => {
        if (settled) return;
        settled = true;
        instance.stop();
        reject(new Error(`autocannon did not finish within ${limitSeconds + 10} s`));
      },
      (limitSeconds + 10) * 1000,
    );
  });
}

export const statusCodes = (result: autocannon.Result): Record<string, number> =>
  Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats?.count ?? 0]));
export const count2xx = (result: autocannon.Result) => result['2xx'];

/** Nearest-rank percentiles and the mean of response times in ms, rounded to 0.01 ms. */
export function latencyStats(latencies: number[]): { p50Ms: number; p99Ms: number; meanMs: number } | undefined {
  if (latencies.length === 0) return undefined;
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { p50Ms: round(at(50)), p99Ms: round(at(99)), meanMs: round(mean) };
}

/** One request outside autocannon: the route must answer 200 and exactly what CINNOX expects. */
export async function probe(port: number, kind: BodyKind): Promise<void> {
  const body = kind === 'challenge' ? CHALLENGE_BODY : hookBodies[kind]();
  const expected = kind === 'challenge' ? { code: 0, result: { challenge: 'bench' } } : { code: 0, result: {} };
  const response = await fetch(`http://127.0.0.1:${port}${pathFor(kind)}`, {
    method: 'POST',
    headers: HEADERS,
    body,
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  const parsed = parseJsonOrText(text);
  if (response.status !== 200 || !isDeepStrictEqual(parsed, expected)) {
    throw new Error(`probe got HTTP ${response.status} ${text.slice(0, 300)} (expected 200 ${JSON.stringify(expected)})`);
  }
}

/** When the measured run saw non-2xx answers, a 1 s run that keeps the first one's status and body. */
export async function sampleNon2xx(port: number, kind: BodyKind): Promise<{ status: number; body: string } | null> {
  let sample: { status: number; body: string } | null = null;
  await load(port, kind, { duration: 1 }, 5, {
    onResponse: (status: number, body: string) => {
      if (sample === null && (status < 200 || status > 299)) sample = { status, body: String(body).slice(0, 500) };
    },
  });
  return sample;
}
