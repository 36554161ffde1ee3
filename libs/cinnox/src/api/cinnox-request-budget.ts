import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { appShuttingDown } from '../cinnox.messages.js';
import { CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';

/** Who asks for a request: subscriptions may use the reserve, reports never do. */
export type CinnoxRequestKind = 'subscription' | 'report';

interface Waiter {
  readonly kind: CinnoxRequestKind;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal?: AbortSignal;
  /** Takes the waiter out of the queue and rejects it. */
  readonly cancel: (reason: unknown) => void;
  readonly onAbort: () => void;
}

/**
 * One token bucket for every CINNOX call the module makes (CINNOX allows 500 requests a minute per service
 * account, 6451010 past it): `burst` tokens at most, refilled at `requestsPerMinute - burst` a minute, so no
 * 60 seconds ever start more than `requestsPerMinute` calls. Reports leave the last `subscriptionReserve`
 * tokens alone and wait in order; a subscription call takes any token, the reserve included, ahead of every
 * waiting report, so settling and reconciling can never starve the subscription.
 */
@Injectable()
export class CinnoxRequestBudget implements BeforeApplicationShutdown {
  private readonly burst: number;
  private readonly reserve: number;
  private readonly perMs: number;
  private tokens: number;
  private refilledAt: number;
  private readonly waiting: Waiter[] = [];
  private timer?: NodeJS.Timeout;
  private closing = false;

  // Monotonic: a wall clock set back would stall the bucket.
  private readonly clock = () => performance.now();

  constructor(@Inject(CINNOX_RESOLVED_OPTIONS) options: CinnoxResolvedOptions) {
    const { requestsPerMinute, burst, subscriptionReserve } = options.requestBudget;
    this.burst = burst;
    this.reserve = subscriptionReserve;
    this.perMs = (requestsPerMinute - burst) / 60_000;
    this.tokens = burst;
    this.refilledAt = this.clock();
  }

  /** Reports waiting for a token now. */
  get waitingReports(): number {
    return this.waiting.filter((waiter) => waiter.kind === 'report').length;
  }

  /** Resolves once a request of `kind` may start; rejects with the signal's reason if it aborts first. */
  take(kind: CinnoxRequestKind, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.closing && kind === 'report') return Promise.reject(new Error(appShuttingDown()));
    // Nobody of the same priority or higher waits ahead: take a token at once when one is free.
    const ahead = kind === 'subscription' ? this.waiting.some((w) => w.kind === 'subscription') : this.waiting.length > 0;
    if (!ahead && this.tryTake(kind)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        kind,
        resolve,
        reject,
        signal,
        cancel: (reason) => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          signal?.removeEventListener('abort', waiter.onAbort);
          reject(reason);
          this.schedule();
        },
        onAbort: () => waiter.cancel(signal?.reason),
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      // Subscriptions queue ahead of every report.
      const at = kind === 'subscription' ? this.waiting.findIndex((w) => w.kind === 'report') : -1;
      this.waiting.splice(at === -1 ? this.waiting.length : at, 0, waiter);
      this.schedule();
    });
  }

  /**
   * Once the server stops taking requests, reports waiting for a token are cancelled and no new one waits; a
   * subscription call (the unsubscribe on shutdown) still gets its token.
   */
  beforeApplicationShutdown(): void {
    this.closing = true;
    for (const waiter of this.waiting.filter((w) => w.kind === 'report')) waiter.cancel(new Error(appShuttingDown()));
  }

  private tryTake(kind: CinnoxRequestKind): boolean {
    this.refill();
    if (this.tokens < this.floor(kind) + 1) return false;
    this.tokens -= 1;
    return true;
  }

  private floor(kind: CinnoxRequestKind): number {
    return kind === 'report' ? this.reserve : 0;
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.perMs);
    this.refilledAt = now;
  }

  // Lets the head of the queue go as soon as the bucket holds enough for it, one timer at a time.
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (let head = this.waiting[0]; head !== undefined && this.tryTake(head.kind); head = this.waiting[0]) {
      this.waiting.shift();
      head.signal?.removeEventListener('abort', head.onAbort);
      head.resolve();
    }
    const head = this.waiting[0];
    if (head === undefined) return;
    const waitMs = Math.max(1, Math.ceil((this.floor(head.kind) + 1 - this.tokens) / this.perMs));
    this.timer = setTimeout(() => this.schedule(), waitMs);
    // A waiting report must not keep the process alive; shutdown aborts it through its signal.
    this.timer.unref();
  }
}
