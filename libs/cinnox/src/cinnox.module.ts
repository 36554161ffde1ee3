import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { CinnoxCallStaleSweeper } from './calls/cinnox-call-stale.sweeper.js';
import { CinnoxCallTracker } from './calls/cinnox-call-tracker.service.js';
import { CinnoxCallStore } from './calls/cinnox-call.store.js';
import { cinnoxResolvedOptionsProvider } from './cinnox-options.provider.js';
import { CINNOX_RESOLVED_OPTIONS } from './cinnox.constants.js';
import type { CinnoxResolvedOptions } from './interfaces/cinnox-options.interface.js';
import { CinnoxConfigurableModuleClass } from './cinnox.module-definition.js';
import { CinnoxWebhookEdge } from './webhook/cinnox-webhook-edge.js';
import { CinnoxWebhookGate } from './webhook/cinnox-webhook-gate.js';
import { CallEventPublisher } from './events/call-event.publisher.js';
import { CinnoxStatus } from './health/cinnox-status.service.js';
import { CinnoxMetrics } from './metrics/cinnox-metrics.service.js';
import { CinnoxSubscriptionService } from './subscription/cinnox-subscription.service.js';
import { CinnoxWebhookController } from './webhook/cinnox-webhook.controller.js';
import { CinnoxWebhookService } from './webhook/cinnox-webhook.service.js';

/**
 * CINNOX call events for a Nest app: `CinnoxSubscriptionService` to (un)subscribe, a webhook route that
 * answers the challenge and validates notifications, `call.start` / `call.end` events and, with
 * `calls.track`, the call tracker (`call.completed` / `call.stale`, `CinnoxCallTracker`).
 * The host app imports `EventEmitterModule.forRoot()` itself.
 * @publicApi
 */
@Module({
  // register() gives the module an axios instance of its own (retries are installed on it).
  imports: [HttpModule.register({})],
  controllers: [CinnoxWebhookController],
  providers: [
    cinnoxResolvedOptionsProvider,
    CinnoxSubscriptionService,
    CinnoxWebhookService,
    CallEventPublisher,
    CinnoxWebhookGate,
    CinnoxWebhookEdge,
    CinnoxMetrics,
    CinnoxStatus,
    { provide: CinnoxCallStore, useFactory: (options: CinnoxResolvedOptions) => options.calls.store, inject: [CINNOX_RESOLVED_OPTIONS] },
    CinnoxCallTracker,
    CinnoxCallStaleSweeper,
  ],
  exports: [CinnoxSubscriptionService, CinnoxMetrics, CinnoxStatus, CinnoxCallTracker, CinnoxCallStore, CINNOX_RESOLVED_OPTIONS],
})
export class CinnoxModule extends CinnoxConfigurableModuleClass {}
