import { Controller, Get, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { CinnoxHealthIndicator, CinnoxHealthModule } from 'nestjs-cinnox/health';

/** GET /health as a host writes it: terminus with the library's indicator, default options. */
@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly cinnox: CinnoxHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.cinnox.check()]);
  }
}

/** A module a test host imports to serve GET /health. */
@Module({ imports: [CinnoxHealthModule], controllers: [HealthController] })
export class HealthModule {}
