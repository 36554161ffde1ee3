import { randomUUID } from 'node:crypto';
import { CinnoxDeliveryRecorder, type CinnoxAcceptedDelivery } from '../core/cinnox-delivery-recorder.js';
import type { CinnoxDeliveryTrace } from '../core/cinnox-delivery-trace.js';
import { CINNOX_HOOKS, type CinnoxHookName } from '../domain/cinnox-hook-name.js';
import { CINNOX_HOOK_DEFINITIONS } from '../hooks/cinnox-hooks.registry.js';
import type { CinnoxDeliveryLogEntry, CinnoxDeliveryOutcome } from '../stores/cinnox-delivery-log-entry.interface.js';
import type { DeliveryLogBuffer } from './delivery-log-buffer.js';
import { maskPhoneNumbers } from './mask-phone-numbers.js';
import { phoneNumberFields } from './phone-number-fields.js';

/**
 * Turns what the webhook and the queue's worker report into log entries (body as plain JSON, phone
 * numbers masked when asked, the call id read from the events) and hands them to the buffer.
 */
export class DeliveryLogRecorder extends CinnoxDeliveryRecorder {
  readonly enabled: boolean;
  private readonly phoneFields = new Map<CinnoxHookName, ReadonlySet<string>>();

  constructor(
    private readonly buffer: DeliveryLogBuffer | undefined,
    maskPhones: boolean,
    private readonly clock: () => number,
    // Told when an entry could not be made (counted as dropped).
    private readonly unrecorded: (error: unknown) => void,
  ) {
    super();
    this.enabled = buffer !== undefined;
    if (maskPhones) for (const hook of CINNOX_HOOKS) this.phoneFields.set(hook, phoneNumberFields(CINNOX_HOOK_DEFINITIONS[hook].dto));
  }

  dispatched(delivery: CinnoxAcceptedDelivery, trace: CinnoxDeliveryTrace, settled: Promise<void>): void {
    const record = (): void => this.record(delivery, randomUUID(), trace.failures.length > 0 ? 'failed' : 'delivered', trace);
    settled.then(record, record);
  }

  duplicate(delivery: CinnoxAcceptedDelivery): void {
    this.record(delivery, randomUUID(), 'delivered', undefined, true);
  }

  entryIdOf(delivery: CinnoxAcceptedDelivery): string {
    return `queue:${delivery.key}`;
  }

  queued(delivery: CinnoxAcceptedDelivery, entryId: string): void {
    this.record(delivery, entryId, 'queued');
  }

  processed(delivery: CinnoxAcceptedDelivery, entryId: string, trace: CinnoxDeliveryTrace, outcome: 'delivered' | 'dead-lettered'): void {
    this.record(delivery, entryId, outcome, trace);
  }

  /** Writes `entry` again (a replay's new outcome). */
  rewrite(entry: CinnoxDeliveryLogEntry): void {
    this.buffer?.push({ ...entry, updatedAt: new Date(this.clock()) });
  }

  // Never throws: the callers are answering CINNOX or finishing a job, which a log entry must not change
  // (a throw after the job was stored would answer 500; after a job ran, it would run it again).
  private record(
    delivery: CinnoxAcceptedDelivery,
    id: string,
    outcome: CinnoxDeliveryOutcome,
    trace?: CinnoxDeliveryTrace,
    duplicate = false,
  ): void {
    try {
      this.buffer?.push(this.entry(delivery, id, outcome, trace, duplicate));
    } catch (error) {
      this.unrecorded(error);
    }
  }

  private entry(
    { hook, key, body, receivedAt }: CinnoxAcceptedDelivery,
    id: string,
    outcome: CinnoxDeliveryOutcome,
    trace?: CinnoxDeliveryTrace,
    duplicate = false,
  ): CinnoxDeliveryLogEntry {
    // Without a trace (a duplicate, a job not run yet), the events are made again, only to read their call id.
    const events = trace ? trace.events : eventsOf({ hook, key, body, receivedAt });
    const derived = trace ? trace.derived : NONE;
    const fields = this.phoneFields.get(hook.name);
    const plain = plainJson(body);
    return {
      id,
      hook: hook.name,
      receivedAt,
      body: fields ? maskPhoneNumbers(plain, fields) : plain,
      eventIds: derived.length === 0 ? [key] : [...new Set([key, ...derived.map((event) => event.eventId)])],
      derived:
        derived.length === 0
          ? NONE
          : derived.map(({ name, eventId, payload }) => ({ name, eventId, payload: fields ? maskPhoneNumbers(payload, fields) : payload })),
      callId: callIdOf(events),
      duplicate,
      outcome,
      failures: outcome === 'delivered' || outcome === 'queued' || !trace?.failures.length ? NONE : [...trace.failures],
      updatedAt: new Date(this.clock()),
    };
  }
}

// Entries are read-only: every entry without derived events or failures shares one empty list (fewer objects
// held until the flush).
const NONE: readonly never[] = Object.freeze([]);

/**
 * The body as plain JSON. A body the webhook parsed (or a job carried) already is, and is kept as is: its events
 * hold parts of it as `raw`, read-only. A DTO instance (the validation pipe's slower path) is copied.
 */
function plainJson(body: object): Record<string, unknown> {
  const prototype = Object.getPrototypeOf(body) as unknown;
  return prototype === Object.prototype || prototype === null
    ? (body as Record<string, unknown>)
    : (JSON.parse(JSON.stringify(body)) as Record<string, unknown>);
}

function callIdOf(events: readonly { payload: object }[]): string | null {
  for (const { payload } of events) {
    const { callId } = payload as { callId?: unknown };
    if (typeof callId === 'string' && callId !== '') return callId;
  }
  return null;
}

// A body its hook cannot normalize (the webhook answered 500 for it inline; a queue job fails) names no call.
function eventsOf({ hook, key, body, receivedAt }: CinnoxAcceptedDelivery): readonly { payload: object }[] {
  try {
    return hook.toEvents(body, receivedAt, key);
  } catch {
    return [];
  }
}
