import fc from 'fast-check';
import { CINNOX_DEFAULT_HOOK_PATHS, type CinnoxHookName } from 'nestjs-cinnox';
import {
  callStartNotification,
  externalContactNotification,
  inboundSmsNotification,
  inquiryNotification,
  labelNotification,
  conferenceNotification,
  outboundSmsNotification,
  recordingNotification,
  staffContactNotification,
  type CinnoxEnvelope,
} from 'nestjs-cinnox/testing';
import { CINNOX_WEBHOOK_MAX_VALUES } from '../../libs/cinnox/src/cinnox.constants.js';

// Generators for the fuzz suite's gate properties (issue 10): what must never get past the webhook's gate.

/** The webhook path with each letter's case flipped at random (at least one) and 0 to 3 trailing slashes. */
export const pathSpelling = fc
  .record({
    flips: fc.array(fc.boolean(), { minLength: CINNOX_DEFAULT_HOOK_PATHS.call.length, maxLength: CINNOX_DEFAULT_HOOK_PATHS.call.length }),
    slashes: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ flips, slashes }) => {
    const cased = CINNOX_DEFAULT_HOOK_PATHS.call.replace(/./g, (char, i: number) => (flips[i] ? char.toUpperCase() : char));
    return `/${cased}${'/'.repeat(slashes)}`;
  })
  .filter((path) => path !== `/${CINNOX_DEFAULT_HOOK_PATHS.call}`);

/** Bodies with more values than CINNOX_WEBHOOK_MAX_VALUES, well under the 64 KiB limit, in every place a body has. */
export const manyKeys = fc
  .record({
    count: fc.integer({ min: CINNOX_WEBHOOK_MAX_VALUES + 1, max: 5000 }),
    where: fc.constantFrom('top', 'message', 'caller', 'array'),
  })
  .map(({ count, where }) => {
    const wide = Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 0]));
    const message: Record<string, unknown> = callStartNotification().message;
    if (where === 'top') return { ...wide, message };
    if (where === 'message') return { message: { ...wide, ...message } };
    if (where === 'caller') return { message: { ...message, caller: { ...wide, number: '85212345678' } } };
    return { message: { ...message, callees: Array.from({ length: count }, () => 0) } };
  });

/** A header token (RFC 9110) that is not `excluded`, whatever its case. */
export const tokenOtherThan = (...excluded: string[]) =>
  fc
    .oneof(
      fc.constantFrom('gzip', 'x-gzip', 'deflate', 'br', 'compress', 'zstd', 'GZIP', 'gzip, identity', 'identity, gzip'),
      fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9!#$%&'*+.^_`|~-]{0,15}$/),
    )
    .filter((token) => !excluded.includes(token.toLowerCase()));

/** A charset other than UTF-8, in a JSON Content-Type. */
export const foreignCharset = fc
  .oneof(
    fc.constantFrom('iso-8859-1', 'latin1', 'utf-16', 'utf-16le', 'UTF-16BE', 'windows-1252', 'us-ascii', 'shift_jis', 'utf-7', '"utf-32"'),
    tokenOtherThan('utf-8', 'utf8'),
  )
  .filter((charset) => !['utf-8', 'utf8', '"utf-8"', '"utf8"'].includes(charset.toLowerCase()));

// Generators for every hook's route (issue 20): valid notifications built by the nestjs-cinnox/testing
// fixtures with fast-check's values in their fields, and the same bodies with one checked field broken.

/** What the DTO or the hook checks of a field: required text, optional text of a length, or a phone number or code. */
type FieldCheck =
  | { name: string; check: 'required'; maxLength: number }
  | { name: string; check: 'text'; maxLength: number }
  | { name: string; check: 'phone' }
  | { name: string; check: 'code' };

/** One hook as the fuzz suite sees it: its valid notifications (with the event each is emitted as) and its checked fields. */
export interface HookFuzzModel {
  hook: CinnoxHookName;
  valid: fc.Arbitrary<{ body: Record<string, unknown>; event: string }>;
  /** The fields of the notification (in `message` or flat) that can be broken; none for the label hooks, which take any object. */
  checked: readonly FieldCheck[];
}

const required = (name: string, maxLength = 256): FieldCheck => ({ name, check: 'required', maxLength });
const text = (name: string, maxLength = 256): FieldCheck => ({ name, check: 'text', maxLength });

/** A status: one of the documented `known` ones (emitted as `<hook>.<known's event>`) or any other text (`<hook>.other`). */
const statusOf = (prefix: string, known: Record<string, string>) =>
  fc
    .oneof(
      fc.constantFrom(...Object.keys(known)),
      // Untrimmed text is not tried as a known status: whether " Opened" counts as one is the hook's to say, not this test's.
      fc.string({ minLength: 1, maxLength: 64 }).filter((s) => s !== '' && s.trim() === s),
    )
    .map((status) => ({ status, event: `${prefix}.${Object.hasOwn(known, status) ? known[status] : 'other'}` }));
/** A challenge carried beside the fields: none, or any non-empty one. */
const challenge = fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: null });
const envelope = fc.constantFrom<CinnoxEnvelope>('flat', 'message');
const someText = (maxLength: number) => fc.string({ maxLength });
const phone = fc.oneof(fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.stringMatching(/^\+?\d{3,15}$/));
// A key a JSON parser may treat as the object's prototype is refused as hostile (tested apart), not a label's content.
const PROTOTYPE_KEY = /"(__proto__|constructor|prototype)":/;
const plainKey = (minLength: number) =>
  fc.string({ minLength, maxLength: 12 }).filter((key) => !['__proto__', 'constructor', 'prototype'].includes(key));
const labelKey = plainKey(1);
/** A small object with no prototype key: a wrong type, not a hostile body. */
const smallObject = fc.dictionary(plainKey(0), fc.string(), { maxKeys: 2 });

const contactModel = (hook: 'staff-contact' | 'external-contact', known: Record<string, string>): HookFuzzModel => ({
  hook,
  valid: fc
    .record({ id: fc.uuid(), status: statusOf(hook, known), fullName: someText(1024), serviceId: someText(256), challenge })
    .map(({ status, ...fixture }) => {
      const body =
        hook === 'staff-contact'
          ? staffContactNotification({ ...fixture, status: status.status })
          : externalContactNotification({ ...fixture, status: status.status });
      return { body, event: status.event };
    }),
  checked: [required('id'), required('status', 64), text('type', 64), text('serviceId'), text('fullName', 1024)],
});

/** The ten hooks, in the order of CINNOX_HOOKS. */
export const HOOK_FUZZ_MODELS: readonly HookFuzzModel[] = [
  {
    hook: 'call',
    valid: fc
      .record({
        id: fc.uuid(),
        serviceId: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
        status: statusOf('call', { CallStart: 'start', CallEnd: 'end' }),
      })
      .map(({ id, serviceId, status }) => {
        const body = callStartNotification({ id, serviceId });
        body.message.status = status.status;
        return { body, event: status.event };
      }),
    checked: [required('id'), required('status', 64), required('serviceId')],
  },
  {
    hook: 'recording',
    valid: fc
      .record({
        id: fc.uuid(),
        status: statusOf('recording', { success: 'success', fail: 'fail' }),
        recordingOf: fc.oneof(fc.constantFrom('call', 'conference'), someText(64)),
        serviceId: someText(256),
        challenge,
      })
      .map(({ status, ...fixture }) => ({ body: recordingNotification({ ...fixture, status: status.status }), event: status.event })),
    checked: [required('id'), required('status', 64), text('type', 64), text('serviceId')],
  },
  {
    hook: 'inquiry',
    valid: fc
      .record({
        eid: fc.uuid(),
        status: statusOf('inquiry', { Opened: 'opened', Handling: 'handling', Closed: 'closed', Missed: 'missed' }),
        channel: someText(64),
        destination: someText(256),
        destinationTypes: fc.oneof(someText(64), fc.array(someText(64), { maxLength: 3 })),
        envelope,
        challenge,
      })
      .map(({ status, ...fixture }) => ({ body: inquiryNotification({ ...fixture, status: status.status }), event: status.event })),
    checked: [
      required('eid'),
      required('status', 64),
      text('serviceId'),
      text('displayCaseNumber'),
      text('channel', 64),
      text('date', 64),
      text('destination'),
    ],
  },
  {
    hook: 'inbound-sms',
    valid: fc
      .record({ id: fc.uuid(), senderNumber: phone, recipientNumber: phone, content: fc.string({ maxLength: 400 }), envelope, challenge })
      .map((fixture) => ({ body: inboundSmsNotification(fixture), event: 'inbound-sms.received' })),
    checked: [
      required('id'),
      text('eventDescription'),
      text('receiveTime', 64),
      text('contentType', 64),
      { name: 'senderNumber', check: 'phone' },
      { name: 'recipientNumber', check: 'phone' },
    ],
  },
  {
    hook: 'outbound-sms',
    valid: fc
      .record({
        transactionId: fc.uuid(),
        status: statusOf('outbound-sms', {
          Submitted: 'submitted',
          Delivered: 'delivered',
          Undelivered: 'undelivered',
          Rejected: 'rejected',
        }),
        recipientNumber: phone,
        recipientCountry: someText(64),
        envelope,
        challenge,
      })
      .map(({ status, ...fixture }) => ({ body: outboundSmsNotification({ ...fixture, status: status.status }), event: status.event })),
    checked: [
      required('TransactionID'),
      required('Status', 64),
      text('Type', 64),
      text('ServiceID'),
      text('Exception', 1024),
      { name: 'RecipientNumber', check: 'phone' },
      { name: 'ResponseCode', check: 'code' },
    ],
  },
  contactModel('staff-contact', { staffCreate: 'create', staffEdit: 'edit', staffDelete: 'delete' }),
  contactModel('external-contact', { create: 'create', edit: 'edit', delete: 'delete' }),
  ...(['label', 'inquiry-label'] as const).map((hook): HookFuzzModel => ({
    hook,
    // Any object but a lone challenge; an id of its own, so no two runs are one notification.
    valid: fc
      .record({ id: fc.uuid(), content: fc.dictionary(labelKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }) })
      .filter(({ content }) => !PROTOTYPE_KEY.test(JSON.stringify(content)))
      .map(({ id, content }) => ({ body: labelNotification({ ...content, id }), event: `${hook}.received` })),
    checked: [],
  })),
  {
    hook: 'conference',
    valid: fc
      .record({ id: fc.uuid(), status: statusOf('conference', { conference_end: 'ended' }), serviceId: someText(256), challenge })
      .map(({ status, ...fixture }) => ({ body: conferenceNotification({ ...fixture, status: status.status }), event: status.event })),
    checked: [required('id'), required('status', 64), text('type', 64), text('serviceId')],
  },
];

const notText = fc.oneof(
  fc.integer(),
  // Finite: JSON writes NaN and Infinity as null, which is no value at all for an optional field.
  fc.double({ noDefaultInfinity: true, noNaN: true }),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 3 }),
  smallObject,
);
const notPhone = fc.oneof(
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  smallObject,
  fc.integer({ max: -1 }),
  fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }),
  fc.constant('   '),
  fc.string({ minLength: 65, maxLength: 80 }),
);
const notCode = fc.oneof(
  fc.boolean(),
  smallObject,
  fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }),
  fc.string({ minLength: 65, maxLength: 80 }),
);

/** What a broken `check` field gets instead of its value: `undefined` removes it. */
const breakageOf = (field: FieldCheck): fc.Arbitrary<unknown> => {
  if (field.check === 'phone') return notPhone;
  if (field.check === 'code') return notCode;
  const { maxLength } = field;
  const tooLong = fc.string({ minLength: 1, maxLength: 40 }).map((tail) => 'x'.repeat(maxLength) + tail);
  if (field.check === 'text') return fc.oneof(notText, tooLong);
  return fc.oneof(fc.constant(undefined), fc.constant(''), fc.constant(null), notText, tooLong);
};

/**
 * A body `model`'s route must refuse with 400, and the word its message must name: a valid notification with
 * one checked field broken, a nesting deeper than the limit among its fields, or JSON that is not an object.
 * Bodies are JSON text (deep ones are too deep for JSON.stringify).
 */
export const refusedBodyOf = (model: HookFuzzModel): fc.Arbitrary<{ text: string; names?: string }> => {
  // A copy: fast-check may hand the same generated value out again while it shrinks.
  const copyOf = (body: Record<string, unknown>) => structuredClone(body);
  const fieldsOf = (body: Record<string, unknown>): Record<string, unknown> => {
    const inner = body.message;
    return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : body;
  };
  const deep = fc.record({ valid: model.valid, depth: fc.integer({ min: 33, max: 2000 }) }).map(({ valid, depth }) => {
    const body = copyOf(valid.body);
    fieldsOf(body).extra = '__DEEP__';
    return { text: JSON.stringify(body).replace('"__DEEP__"', deepJsonText(depth)) };
  });
  const notObject = fc
    .oneof(
      fc.jsonValue().filter((v) => typeof v !== 'object' || v === null),
      fc.array(fc.jsonValue(), { maxLength: 3 }),
    )
    .map((value) => ({ text: JSON.stringify(value) }));
  if (model.checked.length === 0) return fc.oneof(deep, notObject);
  const broken = fc
    .record({ valid: model.valid, field: fc.constantFrom(...model.checked) })
    .chain(({ valid, field }) => breakageOf(field).map((value) => ({ body: valid.body, field, value })))
    .map(({ body: valid, field, value }) => {
      const body = copyOf(valid);
      const fields = fieldsOf(body);
      if (value === undefined) delete fields[field.name];
      else fields[field.name] = value;
      return { text: JSON.stringify(body), names: field.name };
    });
  return fc.oneof({ arbitrary: broken, weight: 4 }, deep, notObject);
};

/** JSON text nested `depth` levels, arrays and objects by turns. */
function deepJsonText(depth: number): string {
  const open = Array.from({ length: depth }, (_, i) => (i % 2 ? '{"a":' : '[')).join('');
  const close = Array.from({ length: depth }, (_, i) => (i % 2 ? '}' : ']'))
    .reverse()
    .join('');
  return `${open}1${close}`;
}
