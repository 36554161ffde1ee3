import { Injectable, type MessageEvent, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CinnoxEvent } from 'nestjs-cinnox';
import { concatMap, defer, finalize, from, interval, merge, Observable, Subject, takeUntil } from 'rxjs';
import { BoardEventName } from './board-messages.js';
import { BOARD_HEARTBEAT_MS, BoardStatusReader } from './board-status.reader.js';
import { toBoardMessage } from './to-board-message.js';

// By name: emitted by library versions that keep coverage gaps; a gap changes the board's status.
const COVERAGE_GAP = 'cinnox.coverage.gap';

/**
 * The board's live stream: every event the app emits that the board shows, to every connected page. The
 * webhook's listeners only append the event to a list, turned into messages and written once the delivery
 * is done (setImmediate), and not at all while no page is connected. Each page's connection has its own
 * bounded buffer (BoardEventsController): a page that stops reading is dropped, never waited for.
 */
@Injectable()
export class BoardFeed implements OnModuleInit, OnModuleDestroy {
  private readonly messages = new Subject<MessageEvent>();
  private readonly closing = new Subject<void>();
  private pending: Array<[name: string, payload: unknown]> = [];
  private flushing?: NodeJS.Immediate;
  private connected = 0;

  constructor(
    private readonly emitter: EventEmitter2,
    private readonly status: BoardStatusReader,
  ) {}

  /** How many pages are connected. */
  get clients(): number {
    return this.connected;
  }

  onModuleInit(): void {
    this.emitter.onAny(this.receive);
  }

  // Ends every stream at the first shutdown hook, so no open connection holds the server's close.
  onModuleDestroy(): void {
    this.emitter.offAny(this.receive);
    clearImmediate(this.flushing);
    this.pending = [];
    this.closing.next();
    this.closing.complete();
  }

  /** One page's stream: the status first, then every change, and the status again every BOARD_HEARTBEAT_MS. */
  stream(): Observable<MessageEvent> {
    return defer(() => {
      this.connected++;
      return merge(this.statusMessage(), this.messages, interval(BOARD_HEARTBEAT_MS).pipe(concatMap(() => this.statusMessage()))).pipe(
        takeUntil(this.closing),
        finalize(() => this.connected--),
      );
    });
  }

  private readonly receive = (name: string | string[], payload: unknown): void => {
    if (this.connected === 0 || typeof name !== 'string') return;
    this.pending.push([name, payload]);
    this.flushing ??= setImmediate(() => this.flush());
  };

  private flush(): void {
    const events = this.pending;
    this.pending = [];
    this.flushing = undefined;
    let statusChanged = false;
    for (const [name, payload] of events) {
      if (name === CinnoxEvent.SubscriptionChanged || name === COVERAGE_GAP) statusChanged = true;
      const message = toBoardMessage(name, payload);
      if (message) this.messages.next(message);
    }
    if (statusChanged) this.statusMessage().subscribe((message) => this.messages.next(message));
  }

  private statusMessage(): Observable<MessageEvent> {
    return from(this.status.read().then((status) => ({ type: BoardEventName.Status, data: JSON.stringify(status) })));
  }
}
