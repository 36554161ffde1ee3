export { CinnoxHealthIndicator, type CinnoxHealthOptions } from './cinnox.health.js';
