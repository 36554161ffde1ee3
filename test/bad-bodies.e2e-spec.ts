import { describe, expect } from 'vitest';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test, type SampleHost } from './support/e2e.fixture.js';

// Bodies CINNOX would never send, POSTed straight to the app's webhook route: each is refused with a 4xx
// in CINNOX's { code, message } shape, emits nothing, and leaves the app serving.

const notification = (fields: Record<string, unknown>) => ({ message: { ...callStartNotification({ id: 'bad' }).message, ...fields } });
const without = (field: string) => {
  const { message } = callStartNotification({ id: 'bad' });
  delete message[field];
  return { message };
};

/** [case, body (a string is sent as is), text the message must contain] */
const INVALID: Array<[string, unknown, string]> = [
  ['wrong type: challenge is a number', { challenge: 5 }, 'challenge must be a string'],
  ['wrong type: message is a string', { message: 'x' }, 'message must be an object'],
  ['wrong type: message.id is a number', notification({ id: 7 }), 'message.id must be a string'],
  ['wrong type: message.caller is a string', notification({ caller: 'x' }), 'message.caller must be an object'],
  ['wrong type: message.caller.number is an object', notification({ caller: { number: {} } }), 'message.caller.number must be a string'],
  ['wrong type: message.callees is a number', notification({ callees: 5 }), 'message.callees must be an object or an array of objects'],
  ['missing message.id', without('id'), 'message.id must be a string'],
  ['missing message.status', without('status'), 'message.status must be a string'],
  ['missing message.serviceId', without('serviceId'), 'message.serviceId must be a string'],
  ['neither challenge nor message', {}, 'challenge must be a string'],
  ['an array', [callStartNotification()], 'the body must be a JSON object'],
  ['a string', '"CallStart"', 'the body must be a JSON object'],
  ['a number', '42', 'the body must be a JSON object'],
  ['null', 'null', 'the body must be a JSON object'],
  ['an empty challenge', { challenge: '' }, 'challenge must not be empty'],
  ['a 2 KB challenge', { challenge: 'c'.repeat(2048) }, 'challenge must be shorter than or equal to 1024 characters'],
];

describe('bad webhook bodies', () => {
  test.beforeEach(({ sharedSample }) => {
    sharedSample.events.length = 0;
  });

  async function expectServing(sample: SampleHost): Promise<void> {
    expect((await sample.get('/health')).status).toBe(200);
  }

  test.for(INVALID)('refuses %s with 400 {code, message}, emitting nothing', async ([, body, problem], { sharedSample: sample }) => {
    const answer = await sample.post(body);

    expect(answer).toEqual({ status: 400, body: { code: 400, message: expect.stringContaining(problem) } });
    expect(sample.events).toEqual([]);
    await expectServing(sample);
  });

  test('refuses malformed JSON with 400 {code, message}, emitting nothing', async ({ sharedSample: sample }) => {
    const answer = await sample.post('{"message": {"id": "c1", ');

    expect(answer).toEqual({ status: 400, body: { code: 400, message: expect.stringContaining('not valid JSON') } });
    expect(sample.events).toEqual([]);
    await expectServing(sample);
  });

  test('refuses an empty body with 400 {code, message}, emitting nothing', async ({ sharedSample: sample }) => {
    const answer = await sample.post(undefined);

    expect(answer).toEqual({ status: 400, body: { code: 400, message: expect.stringMatching(/empty/i) } });
    expect(sample.events).toEqual([]);
    await expectServing(sample);
  });

  // The library refuses non-JSON media types with 415 Unsupported Media Type (README: "JSON-only (415)").
  test.for([
    ['text/plain', JSON.stringify(callStartNotification())],
    [null, JSON.stringify(callStartNotification())],
  ] as const)(
    'refuses Content-Type %s with 415 {code, message}, emitting nothing',
    async ([contentType, body], { sharedSample: sample }) => {
      const answer = await sample.post(body, { contentType });

      expect(answer).toEqual({
        status: 415,
        body: { code: 415, message: expect.stringContaining('Content-Type must be application/json') },
      });
      expect(sample.events).toEqual([]);
      await expectServing(sample);
    },
  );

  test('acknowledges an unknown status with 200 and emits exactly one call.other', async ({ sharedSample: sample }) => {
    const answer = await sample.post(notification({ id: 'held', status: 'CallHold' }));

    expect(answer).toEqual({ status: 200, body: { code: 0, result: {} } });
    expect(sample.events.map((event) => event.name)).toEqual(['call.other']);
    expect(sample.events[0]!.payload).toMatchObject({ callId: 'held', status: 'CallHold', serviceId: 'service-demo' });
    expect(sample.count('call.start') + sample.count('call.end')).toBe(0);
    expect((await sample.get('/calls/held')).status).toBe(404);
  });
});
