import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { CinnoxDeliveryRecorder } from './core/cinnox-delivery-recorder.js';
import { CinnoxEventPublisher } from './core/cinnox-event.publisher.js';
import { CinnoxEventQueue } from './core/cinnox-event.queue.js';
import { CinnoxGracefulShutdown } from './shutdown/cinnox-graceful-shutdown.js';
import { CINNOX_TRACER } from './cinnox.constants.js';
import type { CinnoxTracer } from './core/cinnox-tracer.js';

/**
 * Queue mode: hands this module's publisher, delivery recorder, tracer and shutdown signal to the queue port (provided
 * globally by `CinnoxQueueModule`), through which its worker reaches them. Injection both ways: the worker never
 * looks providers up.
 */
@Injectable()
export class CinnoxQueueAttachment implements OnModuleInit {
  constructor(
    private readonly publisher: CinnoxEventPublisher,
    private readonly recorder: CinnoxDeliveryRecorder,
    private readonly shutdown: CinnoxGracefulShutdown,
    @Inject(CINNOX_TRACER) private readonly tracer: CinnoxTracer,
    @Optional() private readonly queue?: CinnoxEventQueue,
  ) {}

  onModuleInit(): void {
    this.queue?.attach({
      publisher: this.publisher,
      recorder: this.recorder.enabled ? this.recorder : undefined,
      tracer: this.tracer,
      shutdownSignal: this.shutdown.signal,
      shutdownDeadline: () => this.shutdown.deadline,
    });
  }
}
