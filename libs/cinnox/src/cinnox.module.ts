import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { CinnoxCallStaleSweeper } from './calls/cinnox-call-stale.sweeper.js';
import { CinnoxCallTracker } from './calls/cinnox-call-tracker.service.js';
import { CinnoxCallStore } from './stores/cinnox-call.store.js';
import { cinnoxResolvedOptionsProvider } from './cinnox-options.provider.js';
import type { CinnoxResolvedOptions } from './cinnox-options.interface.js';
import { CinnoxConfigurableModuleClass } from './cinnox.module-definition.js';
import { CinnoxWebhookEdge } from './webhook/cinnox-webhook.edge.js';
import { CinnoxWebhookGate } from './webhook/cinnox-webhook.gate.js';
import { CinnoxEventPublisher } from './core/cinnox-event.publisher.js';
import { CinnoxEventObserver } from './core/cinnox-event-observer.js';
import { CinnoxListenerDispatch } from './core/cinnox-listener-dispatch.js';
import { CinnoxCallFeed } from './calls/cinnox-call-feed.js';
import { CinnoxEventEmitterCheck } from './core/cinnox-event-emitter.check.js';
import { CinnoxStatus } from './status/cinnox-status.js';
import { CinnoxMetrics } from './metrics/cinnox-metrics.service.js';
import { CinnoxSubscriptionLifecycle } from './subscription/cinnox-subscription-lifecycle.service.js';
import { CinnoxGracefulShutdown } from './shutdown/cinnox-graceful-shutdown.js';
import { CinnoxSubscriptionService } from './subscription/cinnox-subscription.service.js';
import { CinnoxApiClient } from './api/cinnox-api.client.js';
import { CinnoxRequestBudget } from './api/cinnox-request-budget.js';
import { CinnoxReports } from './reports/cinnox-reports.service.js';
import { CinnoxReportCallSource } from './reports/cinnox-report-call.source.js';
import { CinnoxCallReportSource } from './calls/cinnox-call-report.source.js';
import { CinnoxCallSettler } from './calls/cinnox-call-settler.js';
import { CinnoxReconciler } from './calls/cinnox-reconciler.service.js';
import { CinnoxWebhookService } from './core/cinnox-webhook.service.js';
import { CinnoxDeliveryRecorder } from './core/cinnox-delivery-recorder.js';
import { CinnoxDeliveryLog } from './delivery-log/cinnox-delivery-log.js';
import { CinnoxDeliveryLogStore } from './stores/cinnox-delivery-log.store.js';
import { CinnoxReplay } from './delivery-log/cinnox-replay.service.js';
import { CinnoxQueueAttachment } from './cinnox-queue.attachment.js';
import { CinnoxCoverage } from './coverage/cinnox-coverage.service.js';
import { CinnoxCoverageStore } from './stores/cinnox-coverage.store.js';
import { CINNOX_RESOLVED_OPTIONS, CINNOX_TRACER } from './cinnox.constants.js';
import { CinnoxTracer } from './core/cinnox-tracer.js';
import { CinnoxNoopTracer } from './core/cinnox-noop.tracer.js';

/**
 * CINNOX's ten event hooks for a Nest app (calls, recordings, enquiries, inbound and outbound SMS, staff and
 * external contacts, labels, enquiry labels and conference calls; `hooks` picks them, calls by default): one webhook route per
 * hook that answers the challenge, validates and dedupes notifications and emits each hook's typed events
 * (`CinnoxEvent`); `CinnoxSubscriptionService` to (un)subscribe any hook, (with the `subscription` option)
 * every hook's subscription kept alive by itself and, with `calls.track`, the call tracker (`call.completed` /
 * `call.stale`, `CinnoxCallTracker`).
 * The host app imports `EventEmitterModule.forRoot()` itself.
 * @publicApi
 */
@Module({
  // registerAsync() gives each app's module an axios instance of its own (retries and the request budget are
  // installed on it); register() would create one when this file loads, shared by every app in the process.
  // Redirects are never followed: a 307/308 would re-send the PATCH, with the webhook URL's ?token=, to another host.
  imports: [HttpModule.registerAsync({ useFactory: () => ({ maxRedirects: 0 }) })],
  providers: [
    // Says to import EventEmitterModule.forRoot() when the host forgot it.
    CinnoxEventEmitterCheck,
    cinnoxResolvedOptionsProvider,
    CinnoxRequestBudget,
    CinnoxApiClient,
    CinnoxSubscriptionService,
    CinnoxReports,
    CinnoxSubscriptionLifecycle,
    CinnoxWebhookService,
    CinnoxListenerDispatch,
    CinnoxEventPublisher,
    { provide: CinnoxEventObserver, useClass: CinnoxCallFeed },
    CinnoxWebhookGate,
    CinnoxWebhookEdge,
    CinnoxMetrics,
    CinnoxStatus,
    CinnoxGracefulShutdown,
    { provide: CinnoxCallStore, useFactory: (options: CinnoxResolvedOptions) => options.calls.store, inject: [CINNOX_RESOLVED_OPTIONS] },
    CinnoxCallTracker,
    CinnoxCallStaleSweeper,
    // Settling reads CINNOX's reports through a port of the tracker's, bound here to the report client.
    { provide: CinnoxCallReportSource, useClass: CinnoxReportCallSource },
    CinnoxCallSettler,
    CinnoxReconciler,
    CinnoxDeliveryLog,
    { provide: CinnoxDeliveryRecorder, useFactory: (log: CinnoxDeliveryLog) => log.recorder, inject: [CinnoxDeliveryLog] },
    // null when the log is off.
    {
      provide: CinnoxDeliveryLogStore,
      useFactory: (options: CinnoxResolvedOptions) => options.deliveryLog?.store ?? null,
      inject: [CINNOX_RESOLVED_OPTIONS],
    },
    CinnoxReplay,
    CinnoxQueueAttachment,
    CinnoxCoverage,
    // null when coverage is off.
    {
      provide: CinnoxCoverageStore,
      useFactory: (options: CinnoxResolvedOptions) => options.coverage?.store ?? null,
      inject: [CINNOX_RESOLVED_OPTIONS],
    },
    // The host's tracer (CinnoxOtelModule provides one globally), else one that records nothing.
    {
      provide: CINNOX_TRACER,
      useFactory: (tracer?: CinnoxTracer) => tracer ?? new CinnoxNoopTracer(),
      inject: [{ token: CinnoxTracer, optional: true }],
    },
  ],
  // The resolved options (the app token among them) stay inside: nothing outside the module may inject them.
  exports: [
    CinnoxSubscriptionService,
    CinnoxReports,
    CinnoxReconciler,
    CinnoxMetrics,
    CinnoxStatus,
    CinnoxCallTracker,
    CinnoxCallStore,
    CinnoxDeliveryLog,
    CinnoxDeliveryLogStore,
    CinnoxReplay,
    CinnoxCoverage,
    CinnoxCoverageStore,
  ],
})
export class CinnoxModule extends CinnoxConfigurableModuleClass {}
