// Warns when both builds of the package end up in one process (see cinnox-build.guard.ts).
import '../cinnox-build.guard.js';
export { CinnoxHealthModule } from './cinnox-health.module.js';
export { CinnoxHealthIndicator, type CinnoxHealthOptions, type CinnoxHealthResult } from './cinnox.health.js';
export type { CinnoxHookHealth, CinnoxHookVerdict } from './to-hook-health.js';
export type { CinnoxCoverageHealth } from './to-coverage-health.js';
export type { CinnoxDeliveryLogHealth } from './to-delivery-log-health.js';
