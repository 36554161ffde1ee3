import { CinnoxEvent } from '../domain/cinnox-event.js';
import { CallCompletedEvent } from '../hooks/call/call-completed.event.js';
import type { CinnoxDerivedEvent } from '../stores/cinnox-delivery-log-entry.interface.js';

type Revive = (plain: Record<string, unknown>) => object;

const date = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));

// Every event a delivery can derive (calls/ derives them all), by name: replay hands listeners what the first dispatch did (the class, dates).
const REVIVERS: Readonly<Record<string, Revive>> = {
  [CinnoxEvent.CallCompleted]: (plain) =>
    new CallCompletedEvent(
      Object.assign({}, plain as unknown as CallCompletedEvent, {
        startedAt: date(plain.startedAt),
        endedAt: date(plain.endedAt)!,
        // Logged before completions had a source: only webhooks completed calls then.
        source: plain.source ?? 'webhook',
      }),
    ),
};

/**
 * A derived event read back from a store that keeps it as JSON (dates as strings, no class), made what it
 * was when emitted, so a replay's listeners get the same payload; an unknown name keeps the plain object.
 */
export function reviveDerivedEvent(event: { name: string; eventId: string; payload: unknown }): CinnoxDerivedEvent {
  const plain = (event.payload ?? {}) as Record<string, unknown>;
  const revive = REVIVERS[event.name];
  return { name: event.name, eventId: event.eventId, payload: revive ? revive(plain) : plain };
}
