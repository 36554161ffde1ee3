import { Controller, Get, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { CinnoxHealthIndicator } from 'nestjs-cinnox/health';
import { CinnoxQueueHealthIndicator } from 'nestjs-cinnox/queue';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly cinnox: CinnoxHealthIndicator,
    // Present in queue mode (CinnoxQueueModule provides it).
    @Optional() private readonly queue?: CinnoxQueueHealthIndicator,
  ) {}

  /**
   * 200 while serving; one `cinnox.<hook>` entry per enabled hook says whether its subscription is known and
   * how long CINNOX has been quiet; every entry is down (503) from the start of a shutdown, for
   * CINNOX_SHUTDOWN_DELAY_MS while webhooks still answer. In queue mode, `queue` is down (and the answer
   * 503) while the webhook cannot store notifications in Redis. `cinnox.delivery-log` is the log's state (degraded,
   * never down, while its store refuses writes); each hook's entry lists its recent coverage gaps.
   */
  @Get()
  @HealthCheck()
  @ApiOkResponse({ description: 'Terminus health report with one `cinnox.<hook>` entry per hook (and `queue` in queue mode).' })
  check(): Promise<HealthCheckResult> {
    const queue = this.queue;
    return this.health.check([
      () => this.cinnox.check('cinnox'),
      () => this.cinnox.checkDeliveryLog(),
      ...(queue ? [() => queue.check('queue')] : []),
    ]);
  }
}
