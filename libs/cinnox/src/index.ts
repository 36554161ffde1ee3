export { CinnoxModule } from './cinnox.module.js';
export { CINNOX_CALL_HOOK, CINNOX_DEFAULT_TIMEOUT_MS, CINNOX_DEFAULT_WEBHOOK_PATH, CINNOX_RESOLVED_OPTIONS } from './cinnox.constants.js';
export type {
  CinnoxModuleExtras,
  CinnoxCallsOptions,
  CinnoxModuleOptions,
  CinnoxResolvedOptions,
  CinnoxRetryOptions,
  CinnoxWebhookOptions,
} from './interfaces/cinnox-options.interface.js';
export { CinnoxSubscriptionService } from './subscription/cinnox-subscription.service.js';
export type {
  CinnoxAppCredentials,
  CinnoxHook,
  CinnoxSubscription,
  CinnoxSubscriptionChange,
} from './subscription/cinnox-subscription.interface.js';
export type { CinnoxWebhookAnswer } from './webhook/cinnox-webhook-answer.interface.js';
export { CinnoxEvent, type CinnoxEventName } from './events/cinnox-event.js';
export type { CinnoxCallParty } from './events/cinnox-call-party.js';
export { CallStartEvent } from './events/call-start.event.js';
export { CallEndEvent } from './events/call-end.event.js';
export { CallOtherEvent } from './events/call-other.event.js';
export { CallCompletedEvent } from './events/call-completed.event.js';
export { CallStaleEvent } from './events/call-stale.event.js';
export { OnCallCompleted, OnCallEnd, OnCallOther, OnCallStale, OnCallStart } from './decorators/on-call.decorator.js';
export { CinnoxCallTracker } from './calls/cinnox-call-tracker.service.js';
export { CinnoxCallStore } from './calls/cinnox-call.store.js';
export { CinnoxMemoryCallStore } from './calls/cinnox-memory-call.store.js';
export type {
  CinnoxCallEndInput,
  CinnoxCallEndOutcome,
  CinnoxCallQuery,
  CinnoxCallRecord,
  CinnoxCallStartInput,
  CinnoxCallStartOutcome,
  CinnoxCallStatus,
  CinnoxCallStoreTimes,
  CinnoxRecordingStatus,
} from './calls/cinnox-call-record.interface.js';
export { CinnoxError } from './errors/cinnox.error.js';
export { CinnoxOptionsError } from './errors/cinnox-options.error.js';
export { CinnoxApiError } from './errors/cinnox-api.error.js';
export { CinnoxNetworkError } from './errors/cinnox-network.error.js';
export { CinnoxResponseError } from './errors/cinnox-response.error.js';
export { CinnoxDedupeStore } from './dedupe/cinnox-dedupe.store.js';
export { CinnoxMemoryDedupeStore } from './dedupe/cinnox-memory-dedupe.store.js';
export { CinnoxMetrics, type CinnoxSubscriptionOutcome, type CinnoxWebhookOutcome } from './metrics/cinnox-metrics.service.js';
export { CinnoxStatus } from './health/cinnox-status.service.js';
export { CINNOX_WEBHOOK_OPENAPI } from './webhook/cinnox-webhook.openapi.js';
export { CinnoxRedisDedupeStore } from './dedupe/cinnox-redis-dedupe.store.js';
export { CinnoxCallEventDispatcher, type CinnoxCallEventJob } from './events/call-event.dispatcher.js';
