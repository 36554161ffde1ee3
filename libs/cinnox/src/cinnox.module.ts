import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { cinnoxResolvedOptionsProvider } from './cinnox-options.provider.js';
import { CINNOX_RESOLVED_OPTIONS } from './cinnox.constants.js';
import { CinnoxConfigurableModuleClass } from './cinnox.module-definition.js';
import { CinnoxWebhookEdge } from './webhook/cinnox-webhook-edge.js';
import { CinnoxWebhookGate } from './webhook/cinnox-webhook-gate.js';
import { CinnoxEventPublisher } from './events/cinnox-event.publisher.js';
import { CinnoxEventEmitterCheck } from './events/cinnox-event-emitter.check.js';
import { CinnoxStatus } from './health/cinnox-status.service.js';
import { CinnoxMetrics } from './metrics/cinnox-metrics.service.js';
import { CinnoxSubscriptionLifecycle } from './subscription/cinnox-subscription-lifecycle.service.js';
import { CinnoxGracefulShutdown } from './shutdown/cinnox-graceful-shutdown.js';
import { CinnoxSubscriptionService } from './subscription/cinnox-subscription.service.js';
import { CinnoxWebhookService } from './webhook/cinnox-webhook.service.js';

/**
 * CINNOX call events for a Nest app: `CinnoxSubscriptionService` to (un)subscribe, a webhook route that
 * answers the challenge and validates notifications, `call.start` / `call.end` events, and (with the
 * `subscription` option) a subscription kept alive by itself.
 * The host app imports `EventEmitterModule.forRoot()` itself.
 * @publicApi
 */
@Module({
  // register() gives the module an axios instance of its own (retries are installed on it). Redirects are
  // never followed: a 307/308 would re-send the PATCH, with the webhook URL's ?token=, to another host.
  imports: [HttpModule.register({ maxRedirects: 0 })],
  providers: [
    // Says to import EventEmitterModule.forRoot() when the host forgot it.
    CinnoxEventEmitterCheck,
    cinnoxResolvedOptionsProvider,
    CinnoxSubscriptionService,
    CinnoxSubscriptionLifecycle,
    CinnoxWebhookService,
    CinnoxEventPublisher,
    CinnoxWebhookGate,
    CinnoxWebhookEdge,
    CinnoxMetrics,
    CinnoxStatus,
    CinnoxGracefulShutdown,
  ],
  exports: [CinnoxSubscriptionService, CinnoxMetrics, CinnoxStatus, CINNOX_RESOLVED_OPTIONS],
})
export class CinnoxModule extends CinnoxConfigurableModuleClass {}
