import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import { CinnoxListenerDispatch } from '../core/cinnox-listener-dispatch.js';
import { CinnoxEvent } from '../domain/cinnox-event.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxGracefulShutdown } from '../shutdown/cinnox-graceful-shutdown.js';
import { CinnoxCallTracker } from './cinnox-call-tracker.service.js';

const MINUTE_MS = 60_000;

/**
 * Looks for stale calls every quarter of `maxCallDurationMs` (at most every minute) and emits `call.stale`
 * for those this process claimed; with a shared store, replicas race and each stale call goes to one.
 */
@Injectable()
export class CinnoxCallStaleSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CinnoxCalls');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private failing = false;

  constructor(
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
    private readonly tracker: CinnoxCallTracker,
    private readonly dispatch: CinnoxListenerDispatch,
    @Optional() private readonly shutdown?: CinnoxGracefulShutdown,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.tracker.enabled) return;
    const intervalMs = Math.min(MINUTE_MS, Math.max(10, Math.floor(this.options.calls.maxCallDurationMs / 4)));
    // unref: a pending sweep never keeps the process alive.
    this.timer = setInterval(() => void this.sweep(), intervalMs).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    // A sweep under way is waited for within the grace period only: a store that stopped answering
    // (a frozen Redis) must not hold the shutdown.
    const signal = this.shutdown?.signal;
    if (signal?.aborted) return;
    const over = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
    await Promise.race([this.running, over]);
  }

  /** One sweep (skipped while the previous one runs); resolves once its events are emitted. */
  sweep(): Promise<void> {
    this.running ??= this.claimAndEmit().finally(() => (this.running = undefined));
    return this.running;
  }

  private async claimAndEmit(): Promise<void> {
    try {
      const stale = await this.tracker.claimStale();
      if (this.failing) this.logger.log('The call store answers again; stale calls are swept.');
      this.failing = false;
      for (const event of stale) await this.dispatch.emit(CinnoxEvent.CallStale, event, event.eventId);
    } catch (error) {
      // One line when the store stops answering, not one per sweep.
      if (!this.failing) this.logger.warn(`Stale calls could not be swept: ${error instanceof Error ? error.message : String(error)}`);
      this.failing = true;
    }
  }
}
