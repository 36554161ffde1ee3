import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { CinnoxDeliveryRecorder } from './core/cinnox-delivery-recorder.js';
import { CinnoxEventPublisher } from './core/cinnox-event.publisher.js';
import { CinnoxEventQueue } from './core/cinnox-event.queue.js';
import { CinnoxGracefulShutdown } from './shutdown/cinnox-graceful-shutdown.js';

/**
 * Queue mode: hands this module's publisher, delivery recorder and shutdown signal to the queue port (provided
 * globally by `CinnoxQueueModule`), through which its worker reaches them. Injection both ways: the worker never
 * looks providers up.
 */
@Injectable()
export class CinnoxQueueAttachment implements OnModuleInit {
  constructor(
    private readonly publisher: CinnoxEventPublisher,
    private readonly recorder: CinnoxDeliveryRecorder,
    private readonly shutdown: CinnoxGracefulShutdown,
    @Optional() private readonly queue?: CinnoxEventQueue,
  ) {}

  onModuleInit(): void {
    this.queue?.attach({
      publisher: this.publisher,
      recorder: this.recorder.enabled ? this.recorder : undefined,
      shutdownSignal: this.shutdown.signal,
      shutdownDeadline: () => this.shutdown.deadline,
    });
  }
}
