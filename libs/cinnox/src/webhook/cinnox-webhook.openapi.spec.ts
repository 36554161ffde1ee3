// The DTOs' decorators need the metadata polyfill that Nest loads in an app.
import 'reflect-metadata';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import {
  CINNOX_HOOKS,
  CINNOX_WEBHOOK_OPENAPI,
  CINNOX_WEBHOOK_OPENAPI_BY_HOOK,
  type CinnoxHookName,
  type CinnoxJsonSchema,
} from 'nestjs-cinnox';
import { challengeRequest, cinnoxPayloadShapes } from 'nestjs-cinnox/testing';
import { describe, expect, it } from 'vitest';
import { CINNOX_HOOK_DEFINITIONS } from '../hooks/cinnox-hooks.registry.js';
import { toHookDto } from './to-hook-dto.js';

// ajv (8, installed with Fastify) is the independent reader: the generated schemas are checked as JSON Schema,
// in strict mode, against the fixtures and against class-validator itself.
const ajv = new Ajv({ strict: true, allErrors: true });
const schemaOf = (hook: CinnoxHookName): CinnoxJsonSchema =>
  CINNOX_WEBHOOK_OPENAPI_BY_HOOK[hook].requestBody.content['application/json'].schema;
const validators = new Map(CINNOX_HOOKS.map((hook) => [hook, ajv.compile(schemaOf(hook))]));
const schemaSays = (hook: CinnoxHookName, body: unknown): boolean => validators.get(hook)!(body);
const classValidatorSays = (hook: CinnoxHookName, body: object): boolean =>
  toHookDto(CINNOX_HOOK_DEFINITIONS[hook], body).errors.length === 0;

const shapes = cinnoxPayloadShapes();
type Schema = { type?: string; required?: string[]; properties?: Record<string, Schema>; oneOf?: Schema[]; [keyword: string]: unknown };
const schema = (hook: CinnoxHookName): Schema => schemaOf(hook) as Schema;
const sorted = (object: object | undefined): string[] => Object.keys(object ?? {}).sort();

const text = (maxLength: number): Schema => ({ type: 'string', maxLength });
const phone: Schema = {
  oneOf: [
    { type: 'string', maxLength: 64, pattern: '^$|\\S' },
    { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  ],
};
const inquiryFields = [
  'channel',
  'channelOri',
  'date',
  'destination',
  'destinationTypes',
  'displayCaseNumber',
  'eid',
  'serviceId',
  'socialId',
  'status',
  'type',
];
const inboundSmsFields = ['content', 'contentType', 'eventDescription', 'id', 'receiveTime', 'recipientNumber', 'senderNumber'];
const outboundSmsFields = [
  'AppID',
  'Exception',
  'RecipientCountry',
  'RecipientNumber',
  'ResponseCode',
  'ServiceID',
  'Status',
  'TransactionID',
  'Type',
];

// Each hook's DTO, as its file declares it: the top-level properties and those of `message`.
const expected: Record<CinnoxHookName, { top: string[]; message?: string[] }> = {
  call: { top: ['challenge', 'message'], message: ['callees', 'caller', 'id', 'serviceId', 'status'] },
  recording: { top: ['challenge', 'message', 'type'], message: ['id', 'serviceId', 'status', 'type'] },
  inquiry: { top: [...inquiryFields, 'challenge', 'message'].sort(), message: inquiryFields },
  'inbound-sms': { top: [...inboundSmsFields, 'challenge', 'message', 'type'].sort(), message: inboundSmsFields },
  'outbound-sms': { top: [...outboundSmsFields, 'challenge', 'message', 'type'].sort(), message: outboundSmsFields },
  'staff-contact': { top: ['challenge', 'message', 'type'], message: ['fullName', 'id', 'serviceId', 'status', 'type'] },
  'external-contact': { top: ['challenge', 'message', 'type'], message: ['fullName', 'id', 'serviceId', 'status', 'type'] },
  label: { top: ['challenge'] },
  'inquiry-label': { top: ['challenge'] },
  conference: { top: ['challenge', 'message', 'type'], message: ['id', 'serviceId', 'status', 'type'] },
};

describe('CINNOX_WEBHOOK_OPENAPI_BY_HOOK', () => {
  it('has an operation for every hook, with the webhook answers in CINNOX shapes', () => {
    expect(sorted(CINNOX_WEBHOOK_OPENAPI_BY_HOOK)).toEqual([...CINNOX_HOOKS].sort());
    for (const hook of CINNOX_HOOKS) {
      const { summary, requestBody, responses } = CINNOX_WEBHOOK_OPENAPI_BY_HOOK[hook];
      expect(summary).toContain(`CINNOX ${hook} webhook`);
      expect(requestBody.required).toBe(true);
      expect(Object.keys(responses)).toEqual(['200', '400', '401', '403', '413', '415', '503']);
      expect(responses['200'].content['application/json'].schema).toMatchObject({
        required: ['code', 'result'],
        properties: { code: { enum: [0] }, result: { properties: { challenge: { type: 'string' } } } },
      });
      for (const status of ['400', '401', '403', '413', '415', '503'] as const) {
        expect(responses[status].content['application/json'].schema).toMatchObject({
          required: ['code', 'message'],
          properties: { code: { type: 'integer' }, message: { type: 'string' } },
        });
      }
    }
  });

  it('keeps CINNOX_WEBHOOK_OPENAPI as the call route operation', () => {
    expect(CINNOX_WEBHOOK_OPENAPI).toBe(CINNOX_WEBHOOK_OPENAPI_BY_HOOK.call);
  });

  it.each(CINNOX_HOOKS)('%s: lists exactly the properties of its DTO', (hook) => {
    const body = schema(hook);
    expect(body.type).toBe('object');
    expect(sorted(body.properties)).toEqual(expected[hook].top);
    expect(sorted(body.properties?.message?.properties)).toEqual(expected[hook].message ?? []);
  });

  it('gives the call route its types and required fields', () => {
    const { challenge, message } = schema('call').properties!;
    expect(schema('call').required).toBeUndefined();
    expect(challenge).toEqual({ type: 'string', minLength: 1, maxLength: 1024 });
    expect(message).toMatchObject({ type: 'object', required: ['id', 'status', 'serviceId'] });
    const { id, status, serviceId, caller, callees } = message!.properties!;
    expect([id, status, serviceId]).toEqual([
      // An id of spaces identifies nothing: refused like a missing one.
      { type: 'string', minLength: 1, maxLength: 256, pattern: '\\S' },
      { type: 'string', minLength: 1, maxLength: 64 },
      { type: 'string', minLength: 1, maxLength: 256 },
    ]);
    const party = { type: 'object', properties: { eid: text(256), number: phone } };
    expect(caller).toEqual(party);
    // One object or an array of them, as the DTO accepts.
    expect(callees).toEqual({ oneOf: [party, { type: 'array', items: party }] });
  });

  it('gives the other hooks optional fields with their types', () => {
    const recording = schema('recording');
    expect(recording.required).toBeUndefined();
    expect(recording.properties!.message!).toMatchObject({ type: 'object', properties: { id: text(256), status: text(64) } });
    expect(recording.properties!.message!.required).toBeUndefined();
    expect(schema('inquiry').properties!.destinationTypes).toEqual({ oneOf: [text(64), { type: 'array', items: text(64) }] });
    expect(schema('inbound-sms').properties!.senderNumber).toEqual(phone);
    expect(schema('inbound-sms').properties!.content).toEqual({ type: 'string' });
    expect(schema('outbound-sms').properties!.message!.properties!.ResponseCode).toEqual({
      oneOf: [
        { type: 'string', maxLength: 64 },
        { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
      ],
    });
    // The label hooks take any object: `challenge` is whatever CINNOX sends.
    expect(schema('label')).toEqual({ type: 'object', properties: { challenge: {} } });
  });

  it.each(shapes.map((payload) => [payload.hook, payload.shape, payload.body] as const))(
    '%s, %s: the fixture body validates against the schema',
    (hook, _shape, body) => {
      // The errors, not a bare false, when it fails.
      expect(schemaSays(hook, body) ? [] : validators.get(hook)!.errors).toEqual([]);
    },
  );

  it.each(CINNOX_HOOKS)('%s: the handshake validates against the schema', (hook) => {
    expect(schemaSays(hook, challengeRequest())).toBe(true);
  });

  // The schema says what class-validator says, but for what JSON Schema cannot say from the metadata: a null
  // where @IsOptional skips it, and the call route's @ValidateIf (a challenge is required without a message).
  it('agrees with class-validator on every body one change away from a fixture', () => {
    const awkward = fc.oneof(
      fc.constantFrom('', ' ', 'x', 0, -1, 1.5, 2 ** 53, 85291234567, true, [], {}, [{}], [' '], [1], { eid: 5 }),
      fc.constantFrom(65, 257, 1025).map((length) => 'a'.repeat(length)),
      fc.jsonValue({ maxDepth: 2 }).filter((value) => value !== null),
    );
    const cases = fc.constantFrom(...shapes).chain((payload) =>
      fc.record({
        payload: fc.constant(payload),
        path: fc.constantFrom(...paths(payload.body)),
        replacement: awkward,
        remove: fc.boolean(),
      }),
    );
    let refused = 0;
    fc.assert(
      fc.property(cases, ({ payload: { hook, body }, path, replacement, remove }) => {
        const changed = mutate(body, path, replacement, remove);
        const routeSays = classValidatorSays(hook, changed);
        if (!routeSays) refused++;
        if (hook === 'call' && !('message' in changed) && !('challenge' in changed)) return;
        // The body beside the answer, to tell which one it was.
        expect({ changed, schemaSays: schemaSays(hook, changed) }).toEqual({ changed, schemaSays: routeSays });
      }),
      { numRuns: 2000 },
    );
    // Not a vacuous agreement: the mutations do break bodies.
    expect(refused).toBeGreaterThan(200);
  });
});

// Every path to a value in a JSON body, parents first.
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

function mutate(body: Record<string, unknown>, path: string[], replacement: unknown, remove: boolean): Record<string, unknown> {
  const copy = structuredClone(body);
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  if (remove) delete parent[path.at(-1)!];
  else parent[path.at(-1)!] = replacement;
  return copy;
}
