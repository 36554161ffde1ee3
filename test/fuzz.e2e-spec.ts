import fc from 'fast-check';
import { afterAll, describe, expect } from 'vitest';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { CINNOX_DEFAULT_HOOK_PATHS, CINNOX_HOOKS, type CinnoxHookName } from 'nestjs-cinnox';
import { E2E_ADAPTER } from './support/e2e-host.js';
import { startSimulator, test as e2eTest, type E2eHost, type HttpAnswer } from './support/e2e.fixture.js';
import { foreignCharset, HOOK_FUZZ_MODELS, manyKeys, pathSpelling, refusedBodyOf, tokenOtherThan } from './support/fuzz.arbitraries.js';
import { startLibraryHost } from './support/start-library-host.js';
import { parseJsonOrText } from './support/parse-json-or-text.js';

// Property-based abuse of the webhook over real HTTP: every malformed or hostile body gets a 4xx in
// CINNOX's shape and emits nothing; every valid notification emits exactly one event. The call route gets
// every property; each of the ten hooks' routes gets the valid and the refused bodies of its own wire schema.

// `npm test` runs each property long enough to reach every branch of its generator (a few hundred runs; the five
// content types and the size range need far fewer); `npm run test:slow` sets CINNOX_FUZZ=full for the long campaign.
const FULL = process.env.CINNOX_FUZZ === 'full';
const RUNS = FULL
  ? {
      malformedJson: 1500,
      nonObject: 1500,
      brokenField: 3500,
      hostile: 2500,
      contentType: 600,
      oversized: 400,
      valid: 1000,
      paths: 600,
      manyKeys: 400,
      encodings: 600,
      hookValid: 300,
      hookRefused: 600,
    }
  : {
      malformedJson: 100,
      nonObject: 100,
      brokenField: 200,
      hostile: 200,
      contentType: 25,
      oversized: 20,
      valid: 100,
      paths: 50,
      manyKeys: 30,
      encodings: 50,
      hookValid: 12,
      hookRefused: 30,
    };
// The full campaign sends thousands of requests per property: minutes on a busy machine, not the suite's 20 s.
const TIMEOUT = FULL ? 280_000 : 20_000;
const SECRET = 'fuzz-secret-0123456789';

/** The suite's fixture, and `allHooks`: the library with all ten hooks enabled, one per file. */
// vitest reads a fixture's dependencies from its first parameter, which must be an object pattern, even an empty one.
// oxlint-disable-next-line no-empty-pattern
const test = e2eTest.extend('allHooks', { scope: 'file' }, async ({}, { onCleanup }): Promise<E2eHost> => {
  const simulator = await startSimulator();
  const host = await startLibraryHost(simulator, { hooks: CINNOX_HOOKS });
  onCleanup(async () => {
    await host.close();
    await simulator.stop();
  });
  return host;
});

const validMessage = () => callStartNotification().message;
const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);
/** JSON text nested `depth` levels (arrays and objects by turns) around `leaf`, built as text: too deep for JSON.stringify. */
const deepJson = (depth: number, leaf: unknown): string => {
  const open = Array.from({ length: depth }, (_, i) => (i % 2 ? '{"a":' : '[')).join('');
  const close = Array.from({ length: depth }, (_, i) => (i % 2 ? '}' : ']'))
    .reverse()
    .join('');
  return open + JSON.stringify(leaf) + close;
};
const withDeep = (body: unknown, depth: number, leaf: unknown): string => JSON.stringify(body).replace('"__DEEP__"', deepJson(depth, leaf));

/** Bodies with one required field broken: missing, wrong type, empty or too long. */
const brokenField = fc
  .record({
    field: fc.constantFrom('id', 'status', 'serviceId'),
    breakage: fc.oneof(
      fc.constant<{ kind: 'missing' }>({ kind: 'missing' }),
      notString.map((value) => ({ kind: 'value' as const, value })),
      fc.constant({ kind: 'value' as const, value: '' }),
      fc.string({ minLength: 300, maxLength: 400 }).map((value) => ({ kind: 'value' as const, value: 'x'.repeat(300) + value })),
    ),
    challenge: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
  })
  .map(({ field, breakage, challenge }) => {
    const message: Record<string, unknown> = validMessage();
    if (breakage.kind === 'missing') delete message[field];
    else message[field] = breakage.value;
    return challenge === undefined ? { message } : { message, challenge };
  });

/** Deep nesting, prototype keys, huge and exotic strings where the DTO needs something else. */
// Deep values are built lazily (a function), so fast-check never has to print one.
const hostile = fc.oneof(
  fc.integer({ min: 33, max: 20_000 }).map((depth) => () => withDeep({ message: { ...validMessage(), id: '__DEEP__' } }, depth, 'x')),
  fc.integer({ min: 33, max: 20_000 }).map((depth) => () => deepJson(depth, { challenge: 'c' })),
  fc.integer({ min: 33, max: 20_000 }).map((depth) => () => withDeep({ message: { ...validMessage(), extra: '__DEEP__' } }, depth, 1)),
  fc
    .constantFrom('__proto__', 'constructor', 'prototype')
    .chain((key) =>
      fc.constantFrom(
        `{"${key}":{"polluted":true,"challenge":"c"}}`,
        `{"message":{"${key}":{"polluted":true},"status":"CallStart","serviceId":"s"}}`,
        `{"challenge":"","${key}":{"polluted":true}}`,
      ),
    ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 50 }).map((text) => ({ message: { ...validMessage(), caller: text } })),
  fc
    .string({ unit: 'grapheme', minLength: 70, maxLength: 90 })
    .map((text) => ({ message: { ...validMessage(), caller: { number: text.repeat(2) } } })),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map((text) => ({ message: { ...validMessage(), callees: [text] } })),
  fc.integer({ min: 1025, max: 30_000 }).map((size) => ({ challenge: 'c'.repeat(size) })),
  fc
    .oneof(fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }), fc.integer({ max: -1 }), fc.constant(2 ** 53))
    .map((number) => ({ message: { ...validMessage(), caller: { number } } })),
);

describe('webhook fuzzing', { timeout: TIMEOUT }, () => {
  const statuses = new Map<number, number>();
  let sent = 0;
  afterAll(() => {
    console.log(`fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  });

  async function expectRejected(harness: E2eHost, body: unknown, contentType?: string): Promise<void> {
    const before = harness.events.length;
    const response = await harness.post(body, { contentType });
    sent++;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body).toEqual({ code: response.status, message: expect.any(String) });
    expect(harness.events.length).toBe(before);
  }

  /** POSTs `body` (as JSON) to `path` of `host` with `headers`, and checks it is refused with `status` and nothing emitted. */
  async function expectRefused(
    host: E2eHost,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    path = `/${CINNOX_DEFAULT_HOOK_PATHS.call}`,
  ) {
    const before = host.events.length;
    const response = await fetch(`${host.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const answer = parseJsonOrText(await response.text());
    sent++;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(status);
    if (response.status !== 404) expect(answer).toEqual({ code: status, message: expect.any(String) });
    expect(host.events.length).toBe(before);
  }

  test('never handles another spelling of the webhook path without the token (401 on Express, 404 on Fastify)', async ({ startHost }) => {
    const host = await startHost({ webhook: { secret: SECRET } });
    await fc.assert(
      fc.asyncProperty(pathSpelling, (path) =>
        expectRefused(host, E2E_ADAPTER === 'express' ? 401 : 404, callStartNotification(), {}, path),
      ),
      { numRuns: RUNS.paths },
    );
    // The route itself, with its token, still takes the notification.
    expect((await host.post(callStartNotification(), { query: `?token=${SECRET}` })).status).toBe(200);
    expect(host.count('call.start')).toBe(1);
  });

  test('answers bodies with more values than allowed, under the size limit, with 400', async ({ sharedHost: harness }) => {
    await fc.assert(
      fc.asyncProperty(manyKeys, (body) => expectRefused(harness, 400, body)),
      { numRuns: RUNS.manyKeys },
    );
  });

  test('answers a Content-Encoding other than identity, or a charset other than UTF-8, with 415', async ({ sharedHost: harness }) => {
    const refusal = fc.oneof(
      tokenOtherThan('identity').map((encoding) => ({ 'Content-Encoding': encoding })),
      foreignCharset.map((charset) => ({ 'Content-Type': `application/json; charset=${charset}` })),
    );
    await fc.assert(
      fc.asyncProperty(refusal, (headers) => expectRefused(harness, 415, callStartNotification(), headers)),
      { numRuns: RUNS.encodings },
    );
  });

  test('answers malformed JSON with 400', async ({ sharedHost: harness }) => {
    const malformed = fc.string({ unit: 'binary' }).filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    });
    await fc.assert(
      fc.asyncProperty(malformed, (text) => expectRejected(harness, text)),
      { numRuns: RUNS.malformedJson },
    );
  });

  test('answers JSON that is not an object with 400', async ({ sharedHost: harness }) => {
    const nonObject = fc.oneof(
      fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
      fc.array(fc.jsonValue(), { maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(nonObject, (value) => expectRejected(harness, JSON.stringify(value))),
      { numRuns: RUNS.nonObject },
    );
  });

  test('answers notifications with a broken required field with 400', async ({ sharedHost: harness }) => {
    await fc.assert(
      fc.asyncProperty(brokenField, (body) => expectRejected(harness, body)),
      { numRuns: RUNS.brokenField },
    );
  });

  test('answers hostile bodies (deep nesting, prototype keys, huge or exotic strings) with 4xx and pollutes nothing', async ({
    sharedHost: harness,
  }) => {
    await fc.assert(
      fc.asyncProperty(hostile, (body) => expectRejected(harness, typeof body === 'function' ? body() : body)),
      { numRuns: RUNS.hostile },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('challenge');
  });

  test('answers other content types with 415', async ({ sharedHost: harness }) => {
    const type = fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'text/json',
    );
    await fc.assert(
      fc.asyncProperty(type, (contentType) => expectRejected(harness, JSON.stringify({ challenge: 'c' }), contentType)),
      { numRuns: RUNS.contentType },
    );
  });

  test('answers bodies over 64 KiB with 413', async ({ sharedHost: harness }) => {
    const size = fc.integer({ min: 64 * 1024 + 1, max: 256 * 1024 });
    await fc.assert(
      fc.asyncProperty(size, (n) => expectRejected(harness, `{"challenge":"${'x'.repeat(n)}"}`)),
      { numRuns: RUNS.oversized },
    );
  });

  test('emits exactly one event per valid notification, normalized', async ({ sharedHost: harness }) => {
    const party = fc.record(
      {
        eid: fc.string({ minLength: 1, maxLength: 20 }),
        number: fc.oneof(fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.stringMatching(/^\+?\d{3,15}$/)),
      },
      { requiredKeys: [] },
    );
    const notification = fc.record({
      id: fc.uuid(),
      serviceId: fc.string({ minLength: 1, maxLength: 40 }),
      caller: party,
      callees: fc.oneof(party, fc.array(party, { maxLength: 4 })),
    });
    await fc.assert(
      fc.asyncProperty(notification, async (fixture) => {
        const before = harness.events.length;
        const response = await harness.post(callStartNotification(fixture));
        sent++;
        expect(response).toEqual({ status: 200, body: { code: 0, result: {} } });
        expect(harness.events.length).toBe(before + 1);
        const event = harness.events.at(-1)!;
        expect(event.name).toBe('call.start');
        expect(event.payload.callId).toBe(fixture.id);
        expect(Array.isArray(event.payload.callees)).toBe(true);
        if (fixture.caller.number !== undefined) expect(event.payload.caller?.number).toBe(String(fixture.caller.number).trim());
      }),
      { numRuns: RUNS.valid },
    );
    const health = await harness.post({ challenge: 'still-serving' });
    expect(health.status).toBe(200);
  });
});

/** POSTs the JSON text `text` to `hook`'s default route of `host`. */
async function postTo(host: E2eHost, hook: CinnoxHookName, text: string): Promise<HttpAnswer> {
  const response = await fetch(`${host.url}/cinnox/webhooks/${hook}-events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: text,
  });
  return { status: response.status, body: parseJsonOrText(await response.text()) };
}

describe.each(HOOK_FUZZ_MODELS)('fuzzing the $hook route', { timeout: TIMEOUT }, (model) => {
  test('emits each valid notification exactly once, as its event; its redelivery is acknowledged, not emitted', async ({
    allHooks: host,
  }) => {
    await fc.assert(
      fc.asyncProperty(model.valid, async ({ body, event }) => {
        const text = JSON.stringify(body);
        const before = host.events.length;
        const first = await postTo(host, model.hook, text);
        expect(first).toMatchObject({ status: 200, body: { code: 0 } });
        expect(host.events.slice(before).map((emitted) => emitted.name)).toEqual([event]);
        expect(host.events.at(-1)!.payload.receivedAt).toBeInstanceOf(Date);

        const again = await postTo(host, model.hook, text);
        expect(again).toMatchObject({ status: 200, body: { code: 0 } });
        expect(host.events.length).toBe(before + 1);
      }),
      { numRuns: RUNS.hookValid },
    );
  });

  test("answers a broken field, a nesting too deep or JSON that is not an object with 400 in CINNOX's shape, naming the field", async ({
    allHooks: host,
  }) => {
    await fc.assert(
      fc.asyncProperty(refusedBodyOf(model), async ({ text, names }) => {
        const before = host.events.length;
        const answer = await postTo(host, model.hook, text);
        expect(answer).toEqual({ status: 400, body: { code: 400, message: expect.any(String) } });
        if (names !== undefined) expect(answer.body.message).toContain(names);
        expect(host.events.length).toBe(before);
      }),
      { numRuns: RUNS.hookRefused },
    );
    // The route still takes a valid notification after the abuse.
    const [sample] = fc.sample(model.valid, 1);
    expect((await postTo(host, model.hook, JSON.stringify(sample!.body))).status).toBe(200);
  });
});
