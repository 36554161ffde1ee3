import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CinnoxHealthIndicator } from './cinnox.health.js';

/**
 * Provides and exports `CinnoxHealthIndicator` (and re-exports `TerminusModule` for `HealthCheckService`):
 * import it beside `CinnoxModule` and inject the indicator into your health controller.
 * @publicApi
 */
@Module({
  imports: [TerminusModule],
  providers: [CinnoxHealthIndicator],
  exports: [CinnoxHealthIndicator, TerminusModule],
})
export class CinnoxHealthModule {}
