import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What became of one request to a webhook route (any hook's). @publicApi */
export type CinnoxWebhookOutcome =
  | 'verified'
  | 'accepted'
  | 'duplicate'
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'too_large'
  | 'unsupported_media_type'
  | 'timeout'
  | 'error';

/** What became of one subscription call. @publicApi */
export type CinnoxSubscriptionOutcome = 'ok' | 'rejected' | 'unreachable' | 'unexpected_response' | 'invalid_argument';

/**
 * Prometheus counters of the library, in a registry of its own: expose `registry` from your `/metrics`
 * (e.g. `Registry.merge([register, metrics.registry])`). No label ever holds a secret.
 * @publicApi
 */
@Injectable()
export class CinnoxMetrics {
  /** The registry holding the library's counters. */
  readonly registry = new Registry();

  private readonly webhookRequests = new Counter({
    name: 'cinnox_webhook_requests_total',
    help: 'Requests to the CINNOX webhook routes, by hook and outcome.',
    labelNames: ['hook', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly eventsEmitted = new Counter({
    name: 'cinnox_events_emitted_total',
    help: 'Domain events emitted to listeners, by event name.',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  private readonly listenerFailures = new Counter({
    name: 'cinnox_listener_failures_total',
    help: 'Listener failures, one per failed listener (any declared with the library decorators), by event name.',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  private readonly subscriptionCalls = new Counter({
    name: 'cinnox_subscription_calls_total',
    help: 'Subscription calls (PATCH {hook}-event-sub), by hook and outcome.',
    labelNames: ['hook', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly subscriptionAttempts = new Counter({
    name: 'cinnox_subscription_attempts_total',
    help: 'HTTP attempts made by subscription calls, retries included, by hook and outcome.',
    labelNames: ['hook', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly callsCompleted = new Counter({
    name: 'cinnox_calls_completed_total',
    help: 'Calls the call tracker completed (call.completed), counted by the replica that completed each.',
    registers: [this.registry],
  });
  private readonly callsStale = new Counter({
    name: 'cinnox_calls_stale_total',
    help: 'Calls the call tracker declared stale (call.stale), counted by the replica that claimed each.',
    registers: [this.registry],
  });
  private readonly callDuration = new Histogram({
    name: 'cinnox_call_duration_seconds',
    help: 'Duration of completed calls whose start arrived before their end, in seconds.',
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14_400],
    registers: [this.registry],
  });
  private readonly deliveryLogDrops = new Counter({
    name: 'cinnox_delivery_log_dropped_total',
    help: "Delivery log entries dropped because the log's buffer was full (its store was down or slow).",
    registers: [this.registry],
  });
  private readonly deliveryLogWriteFailures = new Counter({
    name: 'cinnox_delivery_log_write_failures_total',
    help: "Writes (and retention deletes) the delivery log's store refused; the entries stay buffered.",
    registers: [this.registry],
  });
  private readonly coverageGaps = new Counter({
    name: 'cinnox_coverage_gaps_total',
    help: 'Coverage gaps closed (deliveries of the hook could not have been received), by hook and reason; counted by the replica that closed each.',
    labelNames: ['hook', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly coverageGapSeconds = new Counter({
    name: 'cinnox_coverage_gap_seconds_total',
    help: 'Seconds within closed coverage gaps, by hook and reason; counted by the replica that closed each.',
    labelNames: ['hook', 'reason'] as const,
    registers: [this.registry],
  });
  private activeCalls?: () => number | Promise<number>;
  private readonly callsActive = new Gauge({
    name: 'cinnox_calls_active',
    help: "Calls started and not yet ended nor stale, as the call tracker's store counts them (shared by replicas sharing it).",
    registers: [this.registry],
    // Read from the store at scrape time, so every replica of a shared store reports the same number.
    collect: () => this.collectActive(),
  });
  // Label lookups hash their labels on every call; the webhook's hot path uses bound children instead.
  private readonly boundWebhook = new Map<string, { inc(): void }>();
  private readonly boundEvents = new Map<string, { inc(): void }>();

  webhookRequest(outcome: CinnoxWebhookOutcome, hook: string): void {
    const key = `${hook}\0${outcome}`;
    let child = this.boundWebhook.get(key);
    if (!child) this.boundWebhook.set(key, (child = this.webhookRequests.labels(hook, outcome)));
    child.inc();
  }

  eventEmitted(event: string): void {
    let child = this.boundEvents.get(event);
    if (!child) this.boundEvents.set(event, (child = this.eventsEmitted.labels(event)));
    child.inc();
  }

  listenerFailed(event: string): void {
    this.listenerFailures.labels(event).inc();
  }

  subscriptionCall(hook: string, outcome: CinnoxSubscriptionOutcome, attempts: number): void {
    this.subscriptionCalls.labels(hook, outcome).inc();
    this.subscriptionAttempts.labels(hook, outcome).inc(attempts);
  }

  /** Counts a call completed here; `durationMs` null when its start was not received before its end. */
  callCompleted(durationMs: number | null): void {
    this.callsCompleted.inc();
    if (durationMs !== null) this.callDuration.observe(durationMs / 1000);
  }

  deliveryLogDropped(): void {
    this.deliveryLogDrops.inc();
  }

  deliveryLogWriteFailed(): void {
    this.deliveryLogWriteFailures.inc();
  }

  /** Counts a coverage gap closed here, and its length. */
  coverageGap(hook: string, reason: string, seconds: number): void {
    this.coverageGaps.labels(hook, reason).inc();
    this.coverageGapSeconds.labels(hook, reason).inc(seconds);
  }

  callStale(): void {
    this.callsStale.inc();
  }

  /** Where `cinnox_calls_active` reads the number of active calls from. */
  countActiveCallsWith(count: () => number | Promise<number>): void {
    this.activeCalls = count;
  }

  private async collectActive(): Promise<void> {
    if (!this.activeCalls) return;
    try {
      this.callsActive.set(await this.activeCalls());
    } catch {
      // A store that cannot answer keeps the last value rather than failing the whole scrape.
    }
  }
}
