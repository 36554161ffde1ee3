// Warns when both builds of the package end up in one process (see cinnox-build.guard.ts).
import './cinnox-build.guard.js';
export { CinnoxModule } from './cinnox.module.js';
export { CINNOX_CALL_HOOK, CINNOX_HOOKS, type CinnoxHook, type CinnoxHookName } from './domain/cinnox-hook-name.js';
export type { CinnoxModuleAsyncOptions } from './cinnox.module-definition.js';
export {
  CINNOX_DEFAULT_SHUTDOWN_GRACE_MS,
  CINNOX_DEFAULT_TIMEOUT_MS,
  CINNOX_DEFAULT_HOOK_PATHS,
  CINNOX_DEFAULT_WEBHOOK_PATH,
} from './cinnox.constants.js';
export type {
  CinnoxModuleExtras,
  CinnoxCallsOptions,
  CinnoxCoverageOptions,
  CinnoxCallSettleOptions,
  CinnoxDeliveryLogOptions,
  CinnoxModuleOptions,
  CinnoxResolvedOptions,
  CinnoxRetryOptions,
  CinnoxWebhookOptions,
} from './cinnox-options.interface.js';
export type { CinnoxHttpOptions, CinnoxResolvedHttpOptions } from './cinnox-http-options.interface.js';
export type {
  CinnoxReportsOptions,
  CinnoxRequestBudgetOptions,
  CinnoxResolvedReportsOptions,
  CinnoxResolvedRequestBudgetOptions,
} from './cinnox-reports-options.interface.js';
export { CinnoxReports } from './reports/cinnox-reports.service.js';
export { CinnoxReconciler } from './calls/cinnox-reconciler.service.js';
export type { CinnoxReconcileResult } from './calls/cinnox-reconcile-result.interface.js';
export type { CinnoxReconcileOptions } from './cinnox-reconcile-options.interface.js';
export type {
  CinnoxCallDetailRecord,
  CinnoxCallLogRecord,
  CinnoxReportLimits,
  CinnoxReportPage,
  CinnoxReportParty,
  CinnoxReportQuery,
  CinnoxReportWindow,
} from './reports/cinnox-report-records.interface.js';
export type {
  CinnoxBackoffOptions,
  CinnoxResolvedSubscriptionOptions,
  CinnoxSubscriptionOptions,
  CinnoxUrlSource,
} from './cinnox-subscription-options.interface.js';
export type { CinnoxSubscriptionState } from './domain/cinnox-subscription-state.js';
export { CinnoxSubscriptionChangedEvent } from './domain/cinnox-subscription-changed.event.js';
export {
  OnCinnoxSubscriptionChanged,
  type CinnoxSubscriptionListenerDecorator,
} from './decorators/on-cinnox-subscription-changed.decorator.js';
export { CinnoxErrorCode } from './errors/cinnox-error-code.js';
export { CinnoxSubscriptionService } from './subscription/cinnox-subscription.service.js';
export type { CinnoxAppCredentials, CinnoxSubscription, CinnoxSubscriptionChange } from './domain/cinnox-subscription.interface.js';
export type { CinnoxWebhookAnswer } from './domain/cinnox-webhook-answer.interface.js';
export type { CinnoxErrorBody } from './webhook/cinnox-error-body.interface.js';
export { CinnoxEvent, type CinnoxEventName } from './domain/cinnox-event.js';
export type { CinnoxCallParty } from './hooks/call/cinnox-call-party.interface.js';
export type { CinnoxCallMessage, CinnoxCallPartyMessage } from './hooks/call/cinnox-call-message.interface.js';
export type { CinnoxListenerDecorator } from './decorators/cinnox-listener.decorator.js';
export type { CinnoxListenerOptions } from './decorators/on-cinnox-event.js';
export { CallStartEvent } from './hooks/call/call-start.event.js';
export { CallEndEvent } from './hooks/call/call-end.event.js';
export { CallOtherEvent } from './hooks/call/call-other.event.js';
export { CallCompletedEvent } from './hooks/call/call-completed.event.js';
export { CallStaleEvent } from './hooks/call/call-stale.event.js';
export { CallSettledEvent } from './hooks/call/call-settled.event.js';
export type { CinnoxReportedCall } from './hooks/call/cinnox-reported-call.interface.js';
export { OnCallCompleted, OnCallEnd, OnCallOther, OnCallSettled, OnCallStale, OnCallStart } from './hooks/call/on-call.decorator.js';
export { CinnoxCallTracker } from './calls/cinnox-call-tracker.service.js';
export { CinnoxCallStore, type CinnoxWindowLease } from './stores/cinnox-call.store.js';
export { CinnoxMemoryCallStore } from './calls/cinnox-memory-call.store.js';
export type {
  CinnoxCallEndInput,
  CinnoxCallEndOutcome,
  CinnoxCallQuery,
  CinnoxCallPage,
  CinnoxCallRecord,
  CinnoxCallReportInput,
  CinnoxCallReportOutcome,
  CinnoxCallSource,
  CinnoxCallStartInput,
  CinnoxCallStartOutcome,
  CinnoxCallStatus,
  CinnoxCallStoreTimes,
  CinnoxRecordingStatus,
} from './stores/cinnox-call-record.interface.js';
export { RecordingEvent, type CinnoxRecordingOutcome } from './hooks/recording/recording.event.js';
export { InquiryEvent, type CinnoxInquiryStatus } from './hooks/inquiry/inquiry.event.js';
export { InboundSmsEvent } from './hooks/inbound-sms/inbound-sms.event.js';
export { OutboundSmsEvent, type CinnoxOutboundSmsStatus } from './hooks/outbound-sms/outbound-sms.event.js';
export { ContactEvent, type CinnoxContactChange } from './hooks/contact/contact.event.js';
export { LabelEvent } from './hooks/label/label.event.js';
export { ConferenceEndedEvent } from './hooks/conference/conference-ended.event.js';
export { ConferenceOtherEvent } from './hooks/conference/conference-other.event.js';
export { OnConferenceEnded, OnConferenceOther } from './hooks/conference/on-conference.decorator.js';
export { OnRecordingFail, OnRecordingOther, OnRecordingSuccess } from './hooks/recording/on-recording.decorator.js';
export {
  OnInquiryClosed,
  OnInquiryHandling,
  OnInquiryMissed,
  OnInquiryOpened,
  OnInquiryOther,
} from './hooks/inquiry/on-inquiry.decorator.js';
export { OnInboundSms } from './hooks/inbound-sms/on-inbound-sms.decorator.js';
export {
  OnOutboundSmsDelivered,
  OnOutboundSmsOther,
  OnOutboundSmsRejected,
  OnOutboundSmsSubmitted,
  OnOutboundSmsUndelivered,
} from './hooks/outbound-sms/on-outbound-sms.decorator.js';
export {
  OnExternalContactCreate,
  OnExternalContactDelete,
  OnExternalContactEdit,
  OnExternalContactOther,
  OnStaffContactCreate,
  OnStaffContactDelete,
  OnStaffContactEdit,
  OnStaffContactOther,
} from './hooks/contact/on-contact.decorator.js';
export { OnInquiryLabel, OnLabel } from './hooks/label/on-label.decorator.js';
export { CinnoxError } from './errors/cinnox.error.js';
export { CinnoxOptionsError } from './errors/cinnox-options.error.js';
export { CinnoxSetupError } from './errors/cinnox-setup.error.js';
export { CinnoxApiError } from './errors/cinnox-api.error.js';
export { CinnoxNetworkError } from './errors/cinnox-network.error.js';
export { CinnoxProxyError } from './errors/cinnox-proxy.error.js';
export { CinnoxResponseError } from './errors/cinnox-response.error.js';
export { CinnoxReportQueryError } from './errors/cinnox-report-query.error.js';
export { CinnoxDedupeStore } from './stores/cinnox-dedupe.store.js';
export { CinnoxMemoryDedupeStore } from './dedupe/cinnox-memory-dedupe.store.js';
export { CinnoxMetrics, type CinnoxSubscriptionOutcome, type CinnoxWebhookOutcome } from './metrics/cinnox-metrics.service.js';
export { CinnoxStatus, type CinnoxLifecycleStatus } from './status/cinnox-status.js';
export { CINNOX_WEBHOOK_OPENAPI, CINNOX_WEBHOOK_OPENAPI_BY_HOOK } from './webhook/cinnox-webhook.openapi.js';
export { cinnoxWebhookOpenApiPaths } from './webhook/cinnox-webhook-openapi-paths.js';
export type { CinnoxJsonSchema, CinnoxOpenApiOperation, CinnoxOpenApiResponse } from './webhook/cinnox-openapi-operation.interface.js';
export { CinnoxEventQueue, type CinnoxEventJob } from './core/cinnox-event.queue.js';
export { CinnoxSpanName, CinnoxTracer, type CinnoxSpan, type CinnoxSpanAttributes } from './core/cinnox-tracer.js';
export { redactSecrets } from './logging/redact-secrets.js';
export { escapeControlChars } from './logging/escape-control-chars.js';
export { CinnoxDeliveryLog } from './delivery-log/cinnox-delivery-log.js';
export { CinnoxDeliveryLogStore } from './stores/cinnox-delivery-log.store.js';
export { CinnoxMemoryDeliveryLogStore } from './delivery-log/cinnox-memory-delivery-log.store.js';
export { CinnoxReplay, type CinnoxReplayQuery } from './delivery-log/cinnox-replay.service.js';
export type {
  CinnoxDeliveryLogEntry,
  CinnoxDeliveryLogPage,
  CinnoxDeliveryLogQuery,
  CinnoxDeliveryOutcome,
  CinnoxDerivedEvent,
} from './stores/cinnox-delivery-log-entry.interface.js';
export type { CinnoxListenerFailure } from './stores/cinnox-listener-failure.interface.js';
export { CinnoxCoverage } from './coverage/cinnox-coverage.service.js';
export { CinnoxCoverageStore } from './stores/cinnox-coverage.store.js';
export { CinnoxMemoryCoverageStore } from './coverage/cinnox-memory-coverage.store.js';
export type { CinnoxCoverageGapQuery, CinnoxCoverageHeartbeat, CinnoxCoverageProgress } from './stores/cinnox-coverage-record.interface.js';
export { CinnoxCoverageGapEvent, type CinnoxCoverageGap, type CinnoxCoverageGapReason } from './domain/cinnox-coverage-gap.event.js';
export { OnCinnoxCoverageGap, type CinnoxCoverageGapListenerDecorator } from './decorators/on-cinnox-coverage-gap.decorator.js';
