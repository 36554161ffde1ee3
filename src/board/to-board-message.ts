import type { MessageEvent } from '@nestjs/common';
import { CallCompletedEvent, CallStaleEvent, CallStartEvent, RecordingEvent } from 'nestjs-cinnox';
import { OTHER_HOOK_EVENTS, summarizeHookEvent } from '../hooks/hook-event-summary.js';
import { BoardEventName, type BoardCallChange, type BoardHookEvent } from './board-messages.js';

// By name: the event of a library version that settles calls from CINNOX's reports; this one may not have it.
const CALL_SETTLED = 'call.settled';

/**
 * The board's message for one event the app emitted, its data serialized here, once for every client;
 * undefined for an event the board does not show.
 */
export function toBoardMessage(name: string, payload: unknown): MessageEvent | undefined {
  const call = toCallChange(name, payload);
  if (call) return { type: BoardEventName.Call, data: JSON.stringify(call) };
  if (!OTHER_HOOK_EVENTS.has(name)) return undefined;
  const { eventId, receivedAt } = payload as { eventId?: string; receivedAt?: Date };
  const event: BoardHookEvent = {
    event: name,
    hook: name.slice(0, name.indexOf('.')),
    eventId: eventId ?? null,
    receivedAt: (receivedAt ?? new Date()).toISOString(),
    summary: summarizeHookEvent(payload),
  };
  return { type: BoardEventName.HookEvent, data: JSON.stringify(event) };
}

function toCallChange(name: string, payload: unknown): BoardCallChange | undefined {
  if (payload instanceof CallStartEvent) {
    const { callId: id, serviceId, caller, callees, receivedAt } = payload;
    return { id, status: 'active', serviceId, caller, callees, startedAt: receivedAt.toISOString() };
  }
  if (payload instanceof CallCompletedEvent) {
    const { callId: id, serviceId, caller, callees, startedAt, endedAt, durationMs } = payload;
    const start = startedAt === null ? {} : { caller, callees, startedAt: startedAt.toISOString() };
    return { id, status: 'ended', serviceId, ...start, endedAt: endedAt.toISOString(), durationMs };
  }
  if (payload instanceof CallStaleEvent) return { id: payload.callId, status: 'stale' };
  // A conference's recording, or one of an unknown outcome, is news of its own, for the feed.
  if (payload instanceof RecordingEvent) {
    return payload.callId !== null && payload.outcome !== null ? { id: payload.callId, recordingStatus: payload.outcome } : undefined;
  }
  if (name === CALL_SETTLED) {
    const { callId, cinnox } = payload as { callId?: unknown; cinnox?: unknown };
    return typeof callId === 'string' ? { id: callId, cinnox: cinnox ?? null } : undefined;
  }
  return undefined;
}
