import { cinnoxEventId } from '../domain/cinnox-event-id.js';
import { CINNOX_CALL_HOOK } from '../domain/cinnox-hook-name.js';
import { CallCompletedEvent } from '../hooks/call/call-completed.event.js';
import type { CinnoxCallRecord } from '../stores/cinnox-call-record.interface.js';

/** `call.completed` for an ended call `record`; `source` says what completed it (the record's own by default). */
export function completedEventOf(record: CinnoxCallRecord, source = record.source): CallCompletedEvent {
  const { id, serviceId, caller, callees, startedAt, endedAt, durationMs } = record;
  const eventId = cinnoxEventId(CINNOX_CALL_HOOK, id, 'completed');
  return new CallCompletedEvent({ eventId, callId: id, serviceId, caller, callees, startedAt, endedAt: endedAt!, durationMs, source });
}
