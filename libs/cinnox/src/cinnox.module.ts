import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { cinnoxResolvedOptionsProvider } from './cinnox-options.provider.js';
import { CINNOX_RESOLVED_OPTIONS } from './cinnox.constants.js';
import { CinnoxConfigurableModuleClass } from './cinnox.module-definition.js';
import { CinnoxWebhookEdge } from './webhook/cinnox-webhook-edge.js';
import { CinnoxWebhookGate } from './webhook/cinnox-webhook-gate.js';
import { CallEventPublisher } from './events/call-event.publisher.js';
import { CinnoxEventEmitterCheck } from './events/cinnox-event-emitter.check.js';
import { CinnoxStatus } from './health/cinnox-status.service.js';
import { CinnoxMetrics } from './metrics/cinnox-metrics.service.js';
import { CinnoxSubscriptionService } from './subscription/cinnox-subscription.service.js';
import { CinnoxWebhookController } from './webhook/cinnox-webhook.controller.js';
import { CinnoxWebhookService } from './webhook/cinnox-webhook.service.js';

/**
 * CINNOX call events for a Nest app: `CinnoxSubscriptionService` to (un)subscribe, a webhook route that
 * answers the challenge and validates notifications, and `call.start` / `call.end` events.
 * The host app imports `EventEmitterModule.forRoot()` itself.
 * @publicApi
 */
@Module({
  // register() gives the module an axios instance of its own (retries are installed on it).
  imports: [HttpModule.register({})],
  controllers: [CinnoxWebhookController],
  providers: [
    // Says to import EventEmitterModule.forRoot() when the host forgot it.
    CinnoxEventEmitterCheck,
    cinnoxResolvedOptionsProvider,
    CinnoxSubscriptionService,
    CinnoxWebhookService,
    CallEventPublisher,
    CinnoxWebhookGate,
    CinnoxWebhookEdge,
    CinnoxMetrics,
    CinnoxStatus,
  ],
  exports: [CinnoxSubscriptionService, CinnoxMetrics, CinnoxStatus, CINNOX_RESOLVED_OPTIONS],
})
export class CinnoxModule extends CinnoxConfigurableModuleClass {}
