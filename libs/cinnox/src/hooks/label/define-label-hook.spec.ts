import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { LabelEvent } from './label.event.js';
import { labelNotification } from './label.fixtures.js';
import { INQUIRY_LABEL_HOOK } from './inquiry-label.hook.js';
import { LABEL_HOOK } from './label.hook.js';
import { toHookDto, toValidHookDto } from '../../webhook/to-hook-dto.js';

const receivedAt = new Date('2026-01-02T03:04:05.000Z');

// Keys named like Object.prototype members are dropped from nested objects by class-transformer (and
// `__proto__` is refused by the webhook pipe): the one shape limit, documented on CinnoxLabelWebhookDto.
const jsonObject = fc.object({
  key: fc.string().filter((key) => !(key in Object.prototype) && key !== '__proto__'),
  values: [fc.string(), fc.integer(), fc.boolean(), fc.constant(null)],
  maxDepth: 4,
});

describe.each([
  { hook: LABEL_HOOK, event: CinnoxEvent.Label },
  { hook: INQUIRY_LABEL_HOOK, event: CinnoxEvent.InquiryLabel },
])('$hook.name hook', ({ hook, event }) => {
  const parse = (body: object) => toValidHookDto(hook, body);

  it('emits any JSON object as one raw event, never refusing it', () => {
    fc.assert(
      fc.property(jsonObject, (body) => {
        const { dto, errors } = toHookDto(hook, body);
        expect(errors).toEqual([]);
        if (hook.isHandshake(dto)) return;
        expect(hook.validateMissingIds(dto)).toBeUndefined();
        const events = hook.toEvents(dto, receivedAt);
        expect(events.map((emission) => emission.name)).toEqual([event]);
        expect(events[0]!.payload).toBeInstanceOf(LabelEvent);
        expect(events[0]!.payload).toMatchObject({ hook: hook.name, receivedAt, raw: body });
      }),
      { numRuns: 200 },
    );
  });

  it('takes only a lone non-empty challenge for the handshake', () => {
    expect(hook.isHandshake(parse({ challenge: 'abc' }))).toBe(true);
    expect(hook.isHandshake(parse({ challenge: 'abc', type: 'message' }))).toBe(false);
    expect(hook.isHandshake(parse({ ...labelNotification(), challenge: 'abc' }))).toBe(false);
    expect(hook.isHandshake(parse({ challenge: '' }))).toBe(false);
    expect(hook.isHandshake(parse({}))).toBe(false);
  });

  it('keys by content: key order and the challenge do not matter, any other change does', () => {
    const key = (body: object) => hook.dedupeKey(parse(body));
    const first = key({ type: 'message', message: { id: 'l1', name: 'VIP' }, challenge: 'a' });
    expect(key({ challenge: 'b', message: { name: 'VIP', id: 'l1' }, type: 'message' })).toBe(first);
    expect(key({ type: 'message', message: { id: 'l1', name: 'VVIP' } })).not.toBe(first);
    expect(first.startsWith(`${hook.name}:`)).toBe(true);
  });

  it('gives the event the dedupe key as its id', () => {
    const dto = parse(labelNotification());
    const payload = hook.toEvents(dto, receivedAt)[0]!.payload as LabelEvent;
    expect(payload.eventId).toBe(hook.dedupeKey(dto));
  });
});
