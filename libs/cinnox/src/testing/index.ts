// Warns when both builds of the package end up in one process (see cinnox-build.guard.ts).
import '../cinnox-build.guard.js';
export { CinnoxSimulator } from './cinnox-simulator.js';
export type {
  CinnoxDelivery,
  CinnoxDeliveryOptions,
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
} from './call-event.fixtures.js';
export { type CinnoxEnvelope, type CinnoxEnvelopeOptions } from './hook-envelope.js';
export { recordingNotification, type RecordingFixture } from './recording-event.fixtures.js';
export { inquiryNotification, type InquiryFixture } from './inquiry-event.fixtures.js';
export { inboundSmsNotification, outboundSmsNotification, type InboundSmsFixture, type OutboundSmsFixture } from './sms-event.fixtures.js';
export { externalContactNotification, staffContactNotification, type ContactFixture } from './contact-event.fixtures.js';
export { labelNotification } from './label-event.fixtures.js';
export { cinnoxPayloadShapes, type CinnoxPayloadShape } from './hook-payload-shapes.js';
