import { Injectable, Optional } from '@nestjs/common';
import type { CinnoxHookDefinition } from '../domain/cinnox-hook-definition.interface.js';
import { CinnoxEventObserver } from './cinnox-event-observer.js';
import { both, CinnoxListenerDispatch, RESOLVED } from './cinnox-listener-dispatch.js';
import type { CinnoxDeliveryTrace } from './cinnox-delivery-trace.js';
import type { CinnoxSpan } from './cinnox-tracer.js';

/** Turns a validated notification of any hook into its domain events and emits them, then lets the observer see each. */
@Injectable()
export class CinnoxEventPublisher {
  constructor(
    private readonly dispatch: CinnoxListenerDispatch,
    @Optional() private readonly observer?: CinnoxEventObserver,
  ) {}

  /**
   * Emits the events `hook` makes of `body`; the observer (the call tracker) sees each after its listeners
   * were called. The promise settles when every listener has. Listener failures are logged with the event id
   * and counted; with `rethrow` (queue workers, so the job is retried) the promise then rejects with an
   * AggregateError of them. `deliveryId` names a queue delivery across its retries, so the tracker tells a
   * retry from a redelivery. `trace` (the delivery log is on) records the events emitted and the listeners that failed.
   * `span` (tracing is on: the delivery's or the job's) is the parent of each listener's span.
   */
  publish(
    hook: CinnoxHookDefinition,
    body: object,
    receivedAt: Date,
    options: { eventId?: string; rethrow?: boolean; deliveryId?: string; trace?: CinnoxDeliveryTrace; span?: CinnoxSpan } = {},
  ): Promise<void> {
    const failures: unknown[] = [];
    const eventId = options.eventId ?? hook.dedupeKey(body);
    const { trace, span } = options;
    let settled = RESOLVED;
    for (const { name, payload } of hook.toEvents(body, receivedAt, eventId)) {
      trace?.produced(payload);
      settled = both(settled, this.dispatch.emit(name, payload, eventId, failures, trace, span));
      if (this.observer) settled = both(settled, this.observer.observe(payload, options.deliveryId, failures, trace, span));
    }
    this.dispatch.follow(settled);
    if (!options.rethrow) return settled;
    return settled.then(() => {
      if (failures.length > 0) throw new AggregateError(failures, `${failures.length} listener(s) failed for event ${eventId}`);
    });
  }
}
