// Warns when both builds of the package end up in one process (see cinnox-build.guard.ts).
import '../cinnox-build.guard.js';
export { CinnoxSimulator } from './cinnox-simulator.js';
export type {
  CinnoxDelivery,
  CinnoxDeliveryOptions,
  CinnoxSimulatedCallOutcome,
  CinnoxSimulatedConference,
  CinnoxSimulatedFailure,
  CinnoxSimulatedSubscription,
  CinnoxSimulatorOptions,
  CinnoxSimulatorRequest,
} from './cinnox-simulator.interface.js';
export {
  callEndNotification,
  callStartNotification,
  challengeRequest,
  type CallStartFixture,
  type CinnoxWireParty,
} from '../hooks/call/call.fixtures.js';
export { type CinnoxEnvelope, type CinnoxEnvelopeOptions } from '../hooks/shared/hook-envelope.fixtures.js';
export { recordingNotification, type RecordingFixture } from '../hooks/recording/recording.fixtures.js';
export { inquiryNotification, type InquiryFixture } from '../hooks/inquiry/inquiry.fixtures.js';
export { inboundSmsNotification, type InboundSmsFixture } from '../hooks/inbound-sms/inbound-sms.fixtures.js';
export { outboundSmsNotification, type OutboundSmsFixture } from '../hooks/outbound-sms/outbound-sms.fixtures.js';
export { externalContactNotification, staffContactNotification, type ContactFixture } from '../hooks/contact/contact.fixtures.js';
export { labelNotification } from '../hooks/label/label.fixtures.js';
export { conferenceNotification, type ConferenceFixture } from '../hooks/conference/conference.fixtures.js';
export { cinnoxPayloadShapes, type CinnoxPayloadShape } from './hook-payload-shapes.js';
