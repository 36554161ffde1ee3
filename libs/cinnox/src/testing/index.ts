// Warns when both builds of the package end up in one process (see cinnox-build.guard.ts).
import '../cinnox-build.guard.js';
export {
  CinnoxSimulator,
  type CinnoxDelivery,
  type CinnoxDeliveryOptions,
  type CinnoxSimulatedFailure,
  type CinnoxSimulatedSubscription,
  type CinnoxSimulatorOptions,
  type CinnoxSimulatorRequest,
} from './cinnox-simulator.js';
export {
  callEndNotification,
  callStartNotification,
  challengeRequest,
  type CallStartFixture,
  type CinnoxWireParty,
} from './call-event.fixtures.js';
