import { describe, expect, it } from 'vitest';
import { CinnoxDeliveryTrace } from '../core/cinnox-delivery-trace.js';
import { RESOLVED } from '../core/cinnox-listener-dispatch.js';
import { CALL_HOOK } from '../hooks/call/call.hook.js';
import { toValidHookDto } from '../webhook/to-hook-dto.js';
import type { CinnoxDeliveryLogEntry } from '../stores/cinnox-delivery-log-entry.interface.js';
import { DeliveryLogBuffer } from './delivery-log-buffer.js';
import { DeliveryLogRecorder } from './delivery-log-recorder.js';

const body = () => ({
  message: {
    id: 'c1',
    status: 'CallStart',
    serviceId: 's',
    caller: { eid: 'e', number: 85291234567 },
    callees: { number: '+85298765432' },
  },
});

async function recorded(delivered: object, maskPhones = false): Promise<CinnoxDeliveryLogEntry> {
  const written: CinnoxDeliveryLogEntry[] = [];
  const events = { dropped: () => undefined, failed: () => undefined, written: () => undefined };
  const buffer = new DeliveryLogBuffer(
    (batch) => void written.push(...batch),
    { bufferSize: 10, batchSize: 10, flushIntervalMs: 60_000 },
    events,
  );
  const recorder = new DeliveryLogRecorder(
    buffer,
    maskPhones,
    () => 0,
    (error) => {
      throw error;
    },
  );
  const delivery = { hook: CALL_HOOK, key: 'call:c1:CallStart', body: delivered, receivedAt: new Date(0) };
  // What the publisher does: the hook's own events, emitted.
  const trace = new CinnoxDeliveryTrace();
  for (const { name, payload } of CALL_HOOK.toEvents(delivered as never, delivery.receivedAt, delivery.key)) {
    trace.produced(payload);
    trace.events.push({ name, eventId: delivery.key, payload });
  }
  recorder.dispatched(delivery, trace, RESOLVED);
  await RESOLVED;
  await buffer.flush();
  return written[0]!;
}

describe('DeliveryLogRecorder', () => {
  it('logs a body the webhook parsed as it is, with its event id and call id', async () => {
    const parsed = body();
    const entry = await recorded(parsed);
    expect(entry.body).toBe(parsed);
    expect(entry).toMatchObject({ eventIds: ['call:c1:CallStart'], callId: 'c1', derived: [], failures: [], outcome: 'delivered' });
  });

  it("logs a DTO instance (the validation pipe's slower path) as a plain JSON copy", async () => {
    const dto = toValidHookDto(CALL_HOOK, body());
    const entry = await recorded(dto);
    expect(entry.body).not.toBe(dto);
    expect(Object.getPrototypeOf(entry.body)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(entry.body.message)).toBe(Object.prototype);
    expect(entry.body).toEqual(body());
  });

  it('masks phone numbers in a copy, leaving the parsed body untouched', async () => {
    const parsed = body();
    const entry = await recorded(parsed, true);
    expect(entry.body).toMatchObject({ message: { caller: { number: '*******4567' }, callees: { number: '+*******5432' } } });
    expect(parsed).toEqual(body());
  });
});
