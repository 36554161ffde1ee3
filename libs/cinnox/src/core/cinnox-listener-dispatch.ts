import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CINNOX_RESOLVED_OPTIONS, CINNOX_TRACER } from '../cinnox.constants.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { escapeControlChars } from '../logging/escape-control-chars.js';
import { redactSecrets } from '../logging/redact-secrets.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import type { CinnoxDeliveryTrace } from './cinnox-delivery-trace.js';
import { CinnoxSpanName, CinnoxTracer, type CinnoxSpan } from './cinnox-tracer.js';

/** Settled at once: the synchronous path compares against it instead of creating promises. */
export const RESOLVED = Promise.resolve();

/** Keeps the synchronous path free of extra promises when neither side waits for anything. */
export const both = (a: Promise<void>, b: Promise<void>): Promise<void> =>
  b === RESOLVED ? a : a === RESOLVED ? b : Promise.all([a, b]).then(() => undefined);

/**
 * Calls every listener of one library event, each settled on its own, and counts and logs each failure: the
 * only place the library emits. It also knows which dispatches still run, so a graceful stop waits for them.
 */
@Injectable()
export class CinnoxListenerDispatch {
  private readonly logger = new Logger('CinnoxEvents');
  // Dispatches whose async listeners have not settled yet.
  private readonly inFlight = new Set<Promise<void>>();
  private readonly secrets: readonly (string | undefined)[];

  constructor(
    // Optional so that CinnoxEventEmitterCheck, not Nest's generic error, reports a missing EventEmitterModule.
    @Optional() private readonly emitter: EventEmitter2,
    private readonly metrics: CinnoxMetrics,
    @Inject(CINNOX_RESOLVED_OPTIONS) options: CinnoxResolvedOptions,
    @Inject(CINNOX_TRACER) private readonly tracer: CinnoxTracer,
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

  /** Counts `settled` among the dispatches a graceful stop waits for, until it settles. */
  follow(settled: Promise<void>): void {
    if (settled === RESOLVED) return;
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
  }

  /**
   * Emits `name` to its listeners (and to `onAny` listeners); settles when every one has, never rejects. Each
   * failure is pushed to `failures`, counted and logged once at warn with `eventId`; with `trace` (the delivery
   * log is on), the event and each failure are recorded there too; with `span` (tracing is on), each listener
   * gets a `cinnox.listener` span under it.
   */
  emit(
    name: string,
    payload: object,
    eventId: string,
    failures: unknown[] = [],
    trace?: CinnoxDeliveryTrace,
    span?: CinnoxSpan,
  ): Promise<void> {
    this.metrics.eventEmitted(name);
    trace?.events.push({ name, eventId, payload });
    // Each listener is called and settled on its own: the library's decorators register with
    // suppressErrors: false, so emit() would let a rejecting listener become an unhandled rejection (fatal
    // in Node), and emitAsync() stops at the first synchronous throw and settles at the first rejection, so
    // the others could not be awaited. A raw @OnEvent listener left at suppressErrors: true never fails here:
    // @nestjs/event-emitter logs and swallows its error before it returns.
    const pending: Promise<unknown>[] = [];
    const context = { name, eventId, failures, trace, span, position: 0 };
    for (const listener of this.emitter.listeners(name)) {
      context.position++;
      this.invoke(() => listener.call(this.emitter, payload), context, pending);
    }
    for (const listener of this.emitter.listenersAny()) {
      context.position++;
      this.invoke(() => listener.call(this.emitter, name, payload), context, pending);
    }
    return pending.length === 0 ? RESOLVED : Promise.all(pending).then(() => undefined);
  }

  /** Logs a failure of the library's own work for a delivery (not a listener's), secrets and control characters out. */
  error(message: string): void {
    this.logger.error(escapeControlChars(redactSecrets(message, this.secrets)));
  }

  private invoke(call: () => unknown, context: EmitContext, pending: Promise<unknown>[]): void {
    if (context.span) return this.invokeTraced(call, context, context.span, pending);
    const listener = context.position;
    try {
      const result = call();
      if (result instanceof Promise) pending.push(result.catch((error: unknown) => this.failed(context, listener, error)));
    } catch (error) {
      this.failed(context, listener, error);
    }
  }

  // The listener runs with its span active, so what it traces itself (an HTTP call, a query) nests under it.
  private invokeTraced(call: () => unknown, context: EmitContext, parent: CinnoxSpan, pending: Promise<unknown>[]): void {
    const listener = context.position;
    const span = this.tracer.startSpan(
      CinnoxSpanName.Listener,
      { 'cinnox.event': context.name, 'cinnox.event_id': context.eventId, 'cinnox.listener': listener },
      parent,
    );
    try {
      const result = this.tracer.withSpan(span, call);
      if (!(result instanceof Promise)) return span.end();
      pending.push(
        result.then(
          () => span.end(),
          (error: unknown) => this.failed(context, listener, error, span),
        ),
      );
    } catch (error) {
      this.failed(context, listener, error, span);
    }
  }

  private failed({ name, eventId, failures, trace }: EmitContext, listener: number, error: unknown, span?: CinnoxSpan): void {
    failures.push(error);
    this.metrics.listenerFailed(name);
    const reason = error instanceof Error ? error.message : String(error);
    // Warn, once per failed listener: the library handles it (counted; in queue mode the job is retried).
    // The id comes from the request and the reason from host code: neither may forge a line or leak a secret.
    this.logger.warn(escapeControlChars(redactSecrets(`A ${name} listener failed for event ${eventId}: ${reason}`, this.secrets)));
    const redacted = escapeControlChars(redactSecrets(reason, this.secrets));
    trace?.failures.push({ event: name, listener, error: redacted });
    if (span) {
      span.fail(redacted, error instanceof Error ? error.name : typeof error);
      span.end();
    }
  }
}

interface EmitContext {
  readonly name: string;
  readonly eventId: string;
  readonly failures: unknown[];
  readonly trace: CinnoxDeliveryTrace | undefined;
  readonly span: CinnoxSpan | undefined;
  position: number;
}
