import type { CinnoxEventName } from './cinnox-event.js';
import type { CinnoxHookName } from './cinnox-hook-name.js';

/** One domain event a notification turns into. */
export interface CinnoxHookEmission {
  /** The event name, from `CinnoxEvent`. */
  readonly name: CinnoxEventName;
  /** The event class instance listeners receive. */
  readonly payload: object;
}

/**
 * Everything the webhook needs to serve one CINNOX hook, in the order it is used: validate the body into
 * `dto`, answer `isHandshake` bodies with their challenge, refuse what `validateMissingIds` names (400),
 * claim `dedupeKey`, emit `toEvents`. Every method is synchronous, pure and cheap (the hot path), and
 * reads only the DTO's fields, so it works on the plain JSON a queue job carries as well as on instances.
 */
export interface CinnoxHookDefinition<TDto extends object = object> {
  /** CINNOX's path stem (`{name}-event-sub`). */
  readonly name: CinnoxHookName;
  /** Route of the hook's webhook, relative to the global prefix, unless the host overrides it. */
  readonly defaultRoute: string;
  /** The class-validator DTO of every POST to the hook (handshake and notifications). */
  readonly dto: new () => TDto;
  /** True for the URL verification: a non-empty `challenge` and none of this hook's notification fields. */
  isHandshake(dto: TDto): boolean;
  /** For a body that is not a handshake: the 400 message when it lacks what identifies it, else undefined. */
  validateMissingIds(dto: TDto): string | undefined;
  /**
   * The dedupe key (also the events' `eventId`): equal for redeliveries of identical content, different
   * for a new status or an edit. Call only after `validateMissingIds` passed.
   */
  dedupeKey(dto: TDto): string;
  /** The events to emit, in order; `eventId` saves recomputing the dedupe key when the caller has it. */
  toEvents(dto: TDto, receivedAt: Date, eventId?: string): readonly CinnoxHookEmission[];
}
