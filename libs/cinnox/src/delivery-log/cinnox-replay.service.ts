import { Injectable } from '@nestjs/common';
import { invalidArgument } from '../cinnox.messages.js';
import { CinnoxDeliveryTrace } from '../core/cinnox-delivery-trace.js';
import { both, CinnoxListenerDispatch, RESOLVED } from '../core/cinnox-listener-dispatch.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CINNOX_HOOK_DEFINITIONS } from '../hooks/cinnox-hooks.registry.js';
import type { CinnoxDeliveryLogEntry } from '../stores/cinnox-delivery-log-entry.interface.js';
import { CinnoxDeliveryLog } from './cinnox-delivery-log.js';

/**
 * Which logged deliveries `CinnoxReplay.replay()` re-dispatches.
 * @publicApi
 */
export interface CinnoxReplayQuery {
  /** Received at or after. */
  from?: Date;
  /** Received before. */
  to?: Date;
  hook?: CinnoxHookName;
  /** Only `failed` (inline mode) and `dead-lettered` (queue mode) deliveries. */
  failedOnly?: boolean;
}

const PAGE = 100;

/**
 * Re-dispatches logged deliveries (the `deliveryLog` option): each delivery's events again, made from its
 * logged body by its hook, then the derived events it led to (`call.completed`), to every listener of each,
 * with the same `eventId` and `replayed: true` on a copy of the payload. The dedupe store and the call
 * tracker are not involved: nothing is dropped as a duplicate, no call completes twice.
 * @publicApi
 */
@Injectable()
export class CinnoxReplay {
  /** @internal */
  constructor(
    private readonly log: CinnoxDeliveryLog,
    private readonly dispatch: CinnoxListenerDispatch,
  ) {}

  /**
   * Re-dispatches, in receipt order, the logged deliveries `query` picks, duplicates and `queued` ones (a
   * worker still owns them) left out. Each entry becomes `delivered` when every listener settled, `failed`
   * otherwise (with the listeners that failed this time).
   * @returns how many deliveries were re-dispatched.
   */
  async replay(query: CinnoxReplayQuery = {}): Promise<number> {
    if (typeof query !== 'object' || query === null) {
      throw new CinnoxOptionsError('query', invalidArgument('CinnoxReplay.replay()', 'query', 'must be an object', query));
    }
    const { from, to, hook, failedOnly } = query;
    let replayed = 0;
    let cursor: string | undefined;
    do {
      const page = await this.log.list({ from, to, hook, failedOnly, limit: PAGE, cursor });
      for (const entry of page.entries) {
        if (entry.duplicate || entry.outcome === 'queued') continue;
        await this.redispatch(entry);
        replayed++;
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return replayed;
  }

  private async redispatch(entry: CinnoxDeliveryLogEntry): Promise<void> {
    const hook = CINNOX_HOOK_DEFINITIONS[entry.hook];
    const eventId = entry.eventIds[0]!;
    const trace = new CinnoxDeliveryTrace();
    const failures: unknown[] = [];
    let settled = RESOLVED;
    for (const { name, payload } of hook.toEvents(entry.body, entry.receivedAt, eventId)) {
      settled = both(settled, this.dispatch.emit(name, asReplayed(payload), eventId, failures, trace));
    }
    for (const derived of entry.derived) {
      settled = both(settled, this.dispatch.emit(derived.name, asReplayed(derived.payload), derived.eventId, failures, trace));
    }
    this.dispatch.follow(settled);
    await settled;
    const failed = trace.failures.length > 0;
    this.log.recorder.rewrite({ ...entry, outcome: failed ? 'failed' : 'delivered', failures: trace.failures });
  }
}

// A copy, so the logged payload stays as it was; same class, so `instanceof` listeners still match.
const asReplayed = (payload: object): object =>
  Object.assign(Object.create(Object.getPrototypeOf(payload) as object | null) as object, payload, { replayed: true });
