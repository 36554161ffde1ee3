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
