export { CinnoxHealthModule } from './cinnox-health.module.js';
export { CinnoxHealthIndicator, type CinnoxHealthOptions } from './cinnox.health.js';
