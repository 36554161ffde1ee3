import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CinnoxCallTracker } from '../calls/cinnox-call-tracker.service.js';
import { CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import type { CinnoxHookDefinition } from '../domain/cinnox-hook-definition.interface.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { escapeControlChars } from '../logging/escape-control-chars.js';
import { redactSecrets } from '../logging/redact-secrets.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import type { CallCompletedEvent } from '../hooks/call/call-completed.event.js';
import { CallEndEvent } from '../hooks/call/call-end.event.js';
import type { CallStaleEvent } from '../hooks/call/call-stale.event.js';
import { CallStartEvent } from '../hooks/call/call-start.event.js';
import { CinnoxEvent } from '../domain/cinnox-event.js';
import type { CinnoxSubscriptionChangedEvent } from '../domain/cinnox-subscription-changed.event.js';
import { RecordingEvent } from '../hooks/recording/recording.event.js';

const RESOLVED = Promise.resolve();

// Keeps the synchronous path free of extra promises when neither side waits for anything.
const both = (a: Promise<void>, b: Promise<void>): Promise<void> =>
  b === RESOLVED ? a : a === RESOLVED ? b : Promise.all([a, b]).then(() => undefined);

/** The one place that turns validated notifications of any hook into domain events and emits them. */
@Injectable()
export class CinnoxEventPublisher {
  private readonly logger = new Logger('CinnoxEvents');
  // Dispatches whose async listeners have not settled yet: a graceful stop waits for them.
  private readonly inFlight = new Set<Promise<void>>();
  private readonly secrets: readonly (string | undefined)[];

  constructor(
    // Optional so that CinnoxEventEmitterCheck, not Nest's generic error, reports a missing EventEmitterModule.
    @Optional() private readonly emitter: EventEmitter2,
    private readonly metrics: CinnoxMetrics,
    @Inject(CINNOX_RESOLVED_OPTIONS) options: CinnoxResolvedOptions,
    private readonly tracker: CinnoxCallTracker,
  ) {
    this.secrets = [options.appToken, ...options.webhook.secrets];
  }

  /** How many dispatches still have listeners running. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Resolves once every dispatched listener has settled, those dispatched meanwhile included. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Emits the events `hook` makes of `body`, then (call tracker on) records a call's halves and emits
   * `call.completed` when an end completed the call. The promise settles when every listener has. Listener
   * failures are logged with the event id and counted; with `rethrow` (queue workers, so the job is retried)
   * the promise then rejects with an AggregateError of them. `deliveryId` names a queue delivery across its
   * retries, so the tracker tells a retry from a redelivery.
   */
  publish(
    hook: CinnoxHookDefinition,
    body: object,
    receivedAt: Date,
    options: { eventId?: string; rethrow?: boolean; deliveryId?: string } = {},
  ): Promise<void> {
    const failures: unknown[] = [];
    const eventId = options.eventId ?? hook.dedupeKey(body);
    let settled = RESOLVED;
    for (const { name, payload } of hook.toEvents(body, receivedAt, eventId)) {
      settled = both(settled, this.emit(name, payload, eventId, failures));
      if (this.tracker.enabled) settled = both(settled, this.track(payload, options.deliveryId, failures));
    }
    if (settled !== RESOLVED) {
      this.inFlight.add(settled);
      void settled.finally(() => this.inFlight.delete(settled));
    }
    if (!options.rethrow) return settled;
    return settled.then(() => {
      if (failures.length > 0) throw new AggregateError(failures, `${failures.length} listener(s) failed for event ${eventId}`);
    });
  }

  /** Emits `call.stale`; settles when its listeners have. */
  publishStale(event: CallStaleEvent): Promise<void> {
    return this.emit(CinnoxEvent.CallStale, event, `${event.callId}:stale`, []);
  }

  /**
   * Emits `cinnox.subscription`; settles when its listeners have, and never rejects: a failing listener is
   * logged and counted like any other, and the subscription lifecycle goes on.
   */
  publishSubscriptionChanged(event: CinnoxSubscriptionChangedEvent): Promise<void> {
    return this.emit(CinnoxEvent.SubscriptionChanged, event, `${event.hook}:${event.state}:${event.at.toISOString()}`, []);
  }

  // The tracker runs after the raw event is emitted, synchronously when its store is (the in-memory one).
  // A store failure is a failure of this delivery: logged, and with `rethrow` the queue job is retried.
  private track(payload: object, deliveryId: string | undefined, failures: unknown[]): Promise<void> {
    if (payload instanceof CallStartEvent) return this.record(() => this.tracker.recordStart(payload), payload.callId, failures);
    if (payload instanceof CallEndEvent) {
      return this.record(
        () => this.tracker.recordEnd(payload, deliveryId),
        payload.callId,
        failures,
        (completed) => this.complete(completed, deliveryId, failures),
      );
    }
    if (payload instanceof RecordingEvent && payload.callId !== null && payload.outcome !== null) {
      return this.record(() => this.tracker.recordRecording(payload), payload.callId, failures);
    }
    return RESOLVED;
  }

  private record<T>(
    record: () => T | Promise<T>,
    callId: string,
    failures: unknown[],
    then: (value: T) => Promise<void> = () => RESOLVED,
  ): Promise<void> {
    const fail = (error: unknown): void => {
      failures.push(error);
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(escapeControlChars(redactSecrets(`The call tracker could not record call ${callId}: ${reason}`, this.secrets)));
    };
    try {
      const value = record();
      return value instanceof Promise ? value.then(then, fail) : then(value);
    } catch (error) {
      fail(error);
      return RESOLVED;
    }
  }

  // Emits call.completed; a queue delivery confirms it once every listener took it, so only a retry of an
  // unconfirmed delivery (a listener failed, or the worker died before this) repeats it.
  private complete(completed: CallCompletedEvent | undefined, deliveryId: string | undefined, failures: unknown[]): Promise<void> {
    if (!completed) return RESOLVED;
    const eventId = completed.eventId;
    if (deliveryId === undefined) return this.emit(CinnoxEvent.CallCompleted, completed, eventId, failures);
    const own: unknown[] = [];
    return this.emit(CinnoxEvent.CallCompleted, completed, eventId, own).then(() => {
      failures.push(...own);
      if (own.length === 0) return this.record(() => this.tracker.confirm(completed.callId, deliveryId), completed.callId, failures);
    });
  }

  private emit(name: string, payload: object, eventId: string, failures: unknown[]): Promise<void> {
    this.metrics.eventEmitted(name);
    // Each listener is called and settled on its own: the library's decorators register with
    // suppressErrors: false, so emit() would let a rejecting listener become an unhandled rejection (fatal
    // in Node), and emitAsync() stops at the first synchronous throw and settles at the first rejection, so
    // the others could not be awaited. A raw @OnEvent listener left at suppressErrors: true never fails here:
    // @nestjs/event-emitter logs and swallows its error before it returns.
    const pending: Promise<unknown>[] = [];
    for (const listener of this.emitter.listeners(name)) {
      this.invoke(() => listener.call(this.emitter, payload), name, eventId, pending, failures);
    }
    for (const listener of this.emitter.listenersAny()) {
      this.invoke(() => listener.call(this.emitter, name, payload), name, eventId, pending, failures);
    }
    return pending.length === 0 ? RESOLVED : Promise.all(pending).then(() => undefined);
  }

  private invoke(call: () => unknown, name: string, eventId: string, pending: Promise<unknown>[], failures: unknown[]): void {
    try {
      const result = call();
      if (result instanceof Promise) pending.push(result.catch((error: unknown) => this.failed(name, eventId, error, failures)));
    } catch (error) {
      this.failed(name, eventId, error, failures);
    }
  }

  private failed(name: string, eventId: string, error: unknown, failures: unknown[]): void {
    failures.push(error);
    this.metrics.listenerFailed(name);
    const reason = error instanceof Error ? error.message : String(error);
    // Warn, once per failed listener: the library handles it (counted; in queue mode the job is retried).
    // The id comes from the request and the reason from host code: neither may forge a line or leak a secret.
    this.logger.warn(escapeControlChars(redactSecrets(`A ${name} listener failed for event ${eventId}: ${reason}`, this.secrets)));
  }
}
