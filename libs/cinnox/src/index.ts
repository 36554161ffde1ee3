// Warns when both builds of the package end up in one process (see cinnox-build.guard.ts).
import './cinnox-build.guard.js';
export { CinnoxModule } from './cinnox.module.js';
export type { CinnoxModuleAsyncOptions } from './cinnox.module-definition.js';
export {
  CINNOX_HOOKS,
  CINNOX_CALL_HOOK,
  CINNOX_DEFAULT_SHUTDOWN_GRACE_MS,
  CINNOX_DEFAULT_TIMEOUT_MS,
  CINNOX_DEFAULT_HOOK_PATHS,
  CINNOX_DEFAULT_WEBHOOK_PATH,
} from './cinnox.constants.js';
export type {
  CinnoxModuleExtras,
  CinnoxCallsOptions,
  CinnoxModuleOptions,
  CinnoxResolvedOptions,
  CinnoxRetryOptions,
  CinnoxWebhookOptions,
} from './interfaces/cinnox-options.interface.js';
export type { CinnoxHttpOptions, CinnoxResolvedHttpOptions } from './interfaces/cinnox-http-options.interface.js';
export type {
  CinnoxBackoffOptions,
  CinnoxResolvedSubscriptionOptions,
  CinnoxSubscriptionOptions,
  CinnoxUrlSource,
} from './interfaces/cinnox-subscription-options.interface.js';
export type { CinnoxSubscriptionState } from './subscription/cinnox-subscription-state.js';
export { CinnoxSubscriptionChangedEvent } from './events/cinnox-subscription-changed.event.js';
export {
  OnCinnoxSubscriptionChanged,
  type CinnoxSubscriptionListenerDecorator,
} from './decorators/on-cinnox-subscription-changed.decorator.js';
export { CinnoxErrorCode } from './errors/cinnox-error-code.js';
export { CinnoxSubscriptionService } from './subscription/cinnox-subscription.service.js';
export type {
  CinnoxAppCredentials,
  CinnoxHook,
  CinnoxHookName,
  CinnoxSubscription,
  CinnoxSubscriptionChange,
} from './subscription/cinnox-subscription.interface.js';
export type { CinnoxWebhookAnswer } from './webhook/cinnox-webhook-answer.interface.js';
export type { CinnoxErrorBody } from './webhook/cinnox-error-body.interface.js';
export { CinnoxEvent, type CinnoxEventName } from './events/cinnox-event.js';
export type { CinnoxCallParty } from './events/cinnox-call-party.js';
export type { CinnoxCallMessage, CinnoxCallPartyMessage } from './events/cinnox-call-message.interface.js';
export type { CinnoxListenerDecorator } from './decorators/cinnox-listener.decorator.js';
export type { CinnoxListenerOptions } from './decorators/on-cinnox-event.js';
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
export { RecordingEvent, type CinnoxRecordingOutcome } from './events/recording.event.js';
export { InquiryEvent, type CinnoxInquiryStatus } from './events/inquiry.event.js';
export { InboundSmsEvent } from './events/inbound-sms.event.js';
export { OutboundSmsEvent, type CinnoxOutboundSmsStatus } from './events/outbound-sms.event.js';
export { ContactEvent, type CinnoxContactChange } from './events/contact.event.js';
export { LabelEvent } from './events/label.event.js';
export { OnRecordingFail, OnRecordingOther, OnRecordingSuccess } from './decorators/on-recording.decorator.js';
export { OnInquiryClosed, OnInquiryHandling, OnInquiryMissed, OnInquiryOpened, OnInquiryOther } from './decorators/on-inquiry.decorator.js';
export {
  OnInboundSms,
  OnOutboundSmsDelivered,
  OnOutboundSmsOther,
  OnOutboundSmsRejected,
  OnOutboundSmsSubmitted,
  OnOutboundSmsUndelivered,
} from './decorators/on-sms.decorator.js';
export {
  OnExternalContactCreate,
  OnExternalContactDelete,
  OnExternalContactEdit,
  OnExternalContactOther,
  OnStaffContactCreate,
  OnStaffContactDelete,
  OnStaffContactEdit,
  OnStaffContactOther,
} from './decorators/on-contact.decorator.js';
export { OnInquiryLabel, OnLabel } from './decorators/on-label.decorator.js';
export { CinnoxError } from './errors/cinnox.error.js';
export { CinnoxOptionsError } from './errors/cinnox-options.error.js';
export { CinnoxSetupError } from './errors/cinnox-setup.error.js';
export { CinnoxApiError } from './errors/cinnox-api.error.js';
export { CinnoxNetworkError } from './errors/cinnox-network.error.js';
export { CinnoxProxyError } from './errors/cinnox-proxy.error.js';
export { CinnoxResponseError } from './errors/cinnox-response.error.js';
export { CinnoxDedupeStore } from './dedupe/cinnox-dedupe.store.js';
export { CinnoxMemoryDedupeStore } from './dedupe/cinnox-memory-dedupe.store.js';
export { CinnoxMetrics, type CinnoxSubscriptionOutcome, type CinnoxWebhookOutcome } from './metrics/cinnox-metrics.service.js';
export { CinnoxStatus, type CinnoxLifecycleStatus } from './status/cinnox-status.js';
export { CINNOX_WEBHOOK_OPENAPI, CINNOX_WEBHOOK_OPENAPI_BY_HOOK } from './webhook/cinnox-webhook.openapi.js';
export { cinnoxWebhookOpenApiPaths } from './webhook/cinnox-webhook-openapi-paths.js';
export type { CinnoxJsonSchema, CinnoxOpenApiOperation, CinnoxOpenApiResponse } from './webhook/cinnox-openapi-operation.interface.js';
export { CinnoxEventQueue, type CinnoxEventJob } from './events/cinnox-event.queue.js';
export { redactSecrets } from './logging/redact-secrets.js';
export { escapeControlChars } from './logging/escape-control-chars.js';
