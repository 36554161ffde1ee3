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
