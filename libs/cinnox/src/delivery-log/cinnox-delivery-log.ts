import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CINNOX_CLOCK, CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import { deliveryLogOff, deliveryLogRecovered, deliveryLogWriteFailed, invalidArgument } from '../cinnox.messages.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CINNOX_HOOKS } from '../domain/cinnox-hook-name.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { escapeControlChars } from '../logging/escape-control-chars.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import { CinnoxGracefulShutdown } from '../shutdown/cinnox-graceful-shutdown.js';
import type { CinnoxDeliveryLogPage, CinnoxDeliveryLogQuery } from '../stores/cinnox-delivery-log-entry.interface.js';
import type { CinnoxDeliveryLogStore } from '../stores/cinnox-delivery-log.store.js';
import { DeliveryLogBuffer } from './delivery-log-buffer.js';
import { DeliveryLogRecorder } from './delivery-log-recorder.js';

const MINUTE_MS = 60_000;
// Retention deletes at most this many batches per check, so one check never holds the store for long.
const RETENTION_BATCHES = 100;

/**
 * The delivery log (`deliveryLog` option): records every delivery the webhook accepted and what became of
 * it, lists them, and erases a call's entries. Entries wait in a bounded buffer and reach the store in
 * batches, off the response path; a crash loses the entries still waiting (never an event: each entry is
 * written after its listeners were called).
 * @publicApi
 */
@Injectable()
export class CinnoxDeliveryLog implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Whether the `deliveryLog` option is set. */
  readonly enabled: boolean;
  private readonly logger = new Logger('CinnoxDeliveryLog');
  private readonly options?: NonNullable<CinnoxResolvedOptions['deliveryLog']>;
  private readonly buffer?: DeliveryLogBuffer;
  /** What the webhook and the queue's worker report deliveries to (the port core knows). @internal */
  readonly recorder: DeliveryLogRecorder;
  private retention?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private isFailing = false;
  private droppedEntries = 0;

  /** @internal */
  constructor(
    @Inject(CINNOX_RESOLVED_OPTIONS) options: CinnoxResolvedOptions,
    private readonly metrics: CinnoxMetrics,
    private readonly shutdown: CinnoxGracefulShutdown,
    @Optional() @Inject(CINNOX_CLOCK) private readonly clock: () => number = Date.now,
  ) {
    this.options = options.deliveryLog;
    this.enabled = this.options !== undefined;
    const store = this.options?.store;
    this.buffer =
      this.options &&
      new DeliveryLogBuffer((batch) => store!.write(batch), this.options, {
        dropped: () => this.drop(),
        failed: (error) => this.writeFailed(error),
        written: () => this.writeSucceeded(),
      });
    this.recorder = new DeliveryLogRecorder(this.buffer, this.options?.maskPhoneNumbers ?? false, clock, (error) => {
      this.drop();
      this.logger.warn(
        escapeControlChars(`A delivery log entry could not be made: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
  }

  /** Entries waiting for the store. */
  get buffered(): number {
    return this.buffer?.size ?? 0;
  }

  /** Entries dropped since start (the buffer was full, or an entry could not be made); also `cinnox_delivery_log_dropped_total`. */
  get dropped(): number {
    return this.droppedEntries;
  }

  /** True while the store refuses writes (from a failed write until one succeeds). */
  get failing(): boolean {
    return this.isFailing;
  }

  /**
   * Logged deliveries, oldest receipt first, a page at a time (entries still waiting for the store are written first).
   * @param query time window, hook, `failedOnly`, `limit` (1 to 1000, default 100) and the previous page's `nextCursor`.
   */
  async list(query: CinnoxDeliveryLogQuery = {}): Promise<CinnoxDeliveryLogPage> {
    const { store, buffer } = this.on();
    const checked = checkQuery(query);
    await buffer.flush();
    return store.list(checked);
  }

  /**
   * Erases every entry about call `callId` (waiting or stored), e.g. for a data subject's erasure request.
   * @returns how many entries were erased.
   */
  async eraseCall(callId: string): Promise<number> {
    const { store, buffer } = this.on();
    if (typeof callId !== 'string' || callId === '') {
      throw new CinnoxOptionsError(
        'callId',
        invalidArgument('CinnoxDeliveryLog.eraseCall()', 'callId', 'must be a non-empty string', callId),
      );
    }
    const waiting = buffer.remove((entry) => entry.callId === callId);
    // A batch already on its way would land after the erase.
    await buffer.idle();
    return waiting + (await store.eraseCall(callId));
  }

  onApplicationBootstrap(): void {
    if (!this.options || !this.buffer) return;
    this.buffer.start();
    const intervalMs = Math.min(MINUTE_MS, Math.max(10, Math.floor(this.options.retentionMs / 4)));
    this.retention = setInterval(() => void this.sweep(), intervalMs).unref();
  }

  // After every beforeApplicationShutdown hook (requests drained, listeners settled, the queue's worker
  // closed), so the entries they wrote are in the buffer; bounded by the shutdown grace period.
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.retention);
    if (!this.buffer || !this.options) return;
    this.buffer.stop();
    await this.sweeping;
    const deadline = this.shutdown.deadline ?? this.clock() + 1000;
    if (!(await this.buffer.drain(deadline)) && this.buffer.size > 0) {
      this.logger.warn(`${this.buffer.size} delivery log entries could not be written before the shutdown grace period ended.`);
    }
  }

  /** Deletes entries past `retentionMs`, in batches; one sweep at a time. */
  sweep(): Promise<void> {
    this.sweeping ??= this.deleteExpired().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async deleteExpired(): Promise<void> {
    const { store, retentionMs, batchSize } = this.options!;
    const before = new Date(this.clock() - retentionMs);
    try {
      for (let batch = 0; batch < RETENTION_BATCHES; batch++) {
        if ((await store.deleteBefore(before, batchSize)) < batchSize) break;
      }
    } catch (error) {
      this.writeFailed(error);
    }
  }

  private drop(): void {
    this.droppedEntries++;
    this.metrics.deliveryLogDropped();
  }

  private writeFailed(error: unknown): void {
    this.metrics.deliveryLogWriteFailed();
    // One line when the store stops answering, not one per flush.
    if (!this.isFailing)
      this.logger.warn(escapeControlChars(deliveryLogWriteFailed(error instanceof Error ? error.message : String(error))));
    this.isFailing = true;
  }

  private writeSucceeded(): void {
    if (this.isFailing) this.logger.log(deliveryLogRecovered());
    this.isFailing = false;
  }

  private on(): { store: CinnoxDeliveryLogStore; buffer: DeliveryLogBuffer } {
    if (!this.options || !this.buffer) throw new CinnoxOptionsError('deliveryLog', deliveryLogOff());
    return { store: this.options.store, buffer: this.buffer };
  }
}

function checkQuery(query: CinnoxDeliveryLogQuery): CinnoxDeliveryLogQuery & { limit: number } {
  const bad = (name: string, expected: string, got: unknown): never => {
    throw new CinnoxOptionsError(name, invalidArgument('CinnoxDeliveryLog.list()', name, expected, got));
  };
  if (typeof query !== 'object' || query === null) bad('query', 'must be an object', query);
  const { from, to, hook, failedOnly, limit = 100, cursor } = query;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && (!(value instanceof Date) || Number.isNaN(value.getTime()))) bad(name, 'must be a valid Date', value);
  }
  if (hook !== undefined && !(CINNOX_HOOKS as readonly unknown[]).includes(hook))
    bad('hook', `must be one of ${CINNOX_HOOKS.join(', ')}`, hook);
  if (failedOnly !== undefined && typeof failedOnly !== 'boolean') bad('failedOnly', 'must be true or false', failedOnly);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) bad('limit', 'must be a whole number from 1 to 1000', limit);
  if (cursor !== undefined && (typeof cursor !== 'string' || cursor === '')) bad('cursor', "must be a previous page's nextCursor", cursor);
  return { from, to, hook, failedOnly, limit, cursor };
}
