import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import type { CinnoxHookDefinition } from '../hooks/cinnox-hook-definition.interface.js';
import type { CinnoxResolvedOptions } from '../interfaces/cinnox-options.interface.js';
import { escapeControlChars } from '../logging/escape-control-chars.js';
import { redactSecrets } from '../logging/redact-secrets.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';

const RESOLVED = Promise.resolve();

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
   * Emits the events `hook` makes of `body`. The promise settles when every listener has. Listener failures
   * are logged with the event id and counted; with `rethrow` (queue workers, so the job is retried) the
   * promise then rejects with an AggregateError of them.
   */
  publish(
    hook: CinnoxHookDefinition,
    body: object,
    receivedAt: Date,
    options: { eventId?: string; rethrow?: boolean } = {},
  ): Promise<void> {
    const failures: unknown[] = [];
    const eventId = options.eventId ?? hook.dedupeKey(body);
    const emissions = hook.toEvents(body, receivedAt, eventId);
    const settled =
      emissions.length === 1
        ? this.emit(emissions[0]!.name, emissions[0]!.payload, eventId, failures)
        : Promise.all(emissions.map(({ name, payload }) => this.emit(name, payload, eventId, failures))).then(() => undefined);
    if (settled !== RESOLVED) {
      this.inFlight.add(settled);
      void settled.finally(() => this.inFlight.delete(settled));
    }
    if (!options.rethrow) return settled;
    return settled.then(() => {
      if (failures.length > 0) throw new AggregateError(failures, `${failures.length} listener(s) failed for event ${eventId}`);
    });
  }

  private emit(name: string, payload: object, eventId: string, failures: unknown[]): Promise<void> {
    this.metrics.eventEmitted(name);
    // Each listener is called and settled on its own: emit() would let a rejecting listener with
    // suppressErrors: false become an unhandled rejection (fatal in Node), and emitAsync() stops at the
    // first synchronous throw and settles at the first rejection, so the others could not be awaited.
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
    // The id comes from the request and the reason from host code: neither may forge a line or leak a secret.
    this.logger.error(escapeControlChars(redactSecrets(`A ${name} listener failed for event ${eventId}: ${reason}`, this.secrets)));
  }
}
