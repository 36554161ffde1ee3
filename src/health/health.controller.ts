import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { CinnoxHealthIndicator } from 'nestjs-cinnox/health';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly cinnox: CinnoxHealthIndicator,
  ) {}

  /** 200 while serving; `cinnox` says whether the subscription is known and how long CINNOX has been quiet. */
  @Get()
  @HealthCheck()
  @ApiOkResponse({ description: 'Terminus health report with the `cinnox` indicator.' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.cinnox.check('cinnox')]);
  }
}
