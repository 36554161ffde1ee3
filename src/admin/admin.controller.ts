import {
  BadGatewayException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  UseGuards,
  ValidationPipe,
} from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  CinnoxCoverage,
  CinnoxDeliveryLog,
  CinnoxError,
  CinnoxOptionsError,
  type CinnoxReconcileResult,
  CinnoxReconciler,
  CinnoxReplay,
} from 'nestjs-cinnox';
import { refusedArgumentAsBadRequest } from '../http/refused-argument.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { CoverageQuery, DeliveryQuery, ReplayRequest, toDate } from './delivery-query.dto.js';
import { DeliveryView } from './delivery-view.dto.js';
import { ReconcileRequest } from './reconcile-request.dto.js';

// Unknown fields are refused too: a misspelt `failedonly` would otherwise replay everything.
const strict = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

/** A response whose headers can be set, on Express and Fastify alike. */
interface HeaderSink {
  header(name: string, value: string): unknown;
}

/**
 * The delivery log and replay (for operators and the CLI: `nestjs-cinnox deliveries`, `replay`), coverage gaps and
 * reconcile passes.
 */
@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or a wrong `Authorization: Bearer <ADMIN_TOKEN>`.' })
@UseGuards(AdminTokenGuard)
@Controller('admin')
export class AdminController {
  constructor(
    private readonly log: CinnoxDeliveryLog,
    private readonly replayer: CinnoxReplay,
    private readonly coverage: CinnoxCoverage,
    private readonly reconciler: CinnoxReconciler,
  ) {}

  @Get('deliveries')
  @ApiConflictResponse({ description: 'The delivery log is off (CINNOX_DELIVERY_LOG=off).' })
  @ApiOkResponse({ type: [DeliveryView], description: "Oldest receipt first; the next page's cursor in the Next-Cursor header." })
  @ApiBadRequestResponse({ description: 'A bad query value.' })
  async deliveries(@Query(strict) query: DeliveryQuery, @Res({ passthrough: true }) response: HeaderSink): Promise<DeliveryView[]> {
    this.logOn();
    const page = await this.log
      .list({
        from: toDate(query.from),
        to: toDate(query.to),
        hook: query.hook,
        failedOnly: query.failedOnly === 'true',
        limit: query.limit ?? 100,
        cursor: query.cursor,
      })
      .catch((error: unknown) => Promise.reject(refusedArgumentAsBadRequest(error)));
    if (page.nextCursor !== undefined) response.header('Next-Cursor', page.nextCursor);
    return page.entries.map((entry) => DeliveryView.of(entry));
  }

  @Post('replay')
  @ApiConflictResponse({ description: 'The delivery log is off (CINNOX_DELIVERY_LOG=off).' })
  @HttpCode(200)
  @ApiOkResponse({ description: '`{ replayed: n }`: how many deliveries were re-dispatched.' })
  @ApiBadRequestResponse({ description: 'A bad body field.' })
  async replay(@Body(strict) body: ReplayRequest): Promise<{ replayed: number }> {
    this.logOn();
    const { from, to, hook, failedOnly } = body;
    return { replayed: await this.replayer.replay({ from: toDate(from), to: toDate(to), hook, failedOnly }) };
  }

  @Get('coverage')
  @ApiOkResponse({ description: 'The closed coverage gaps, the most recently ended first: `[{ hook, from, to, reason }]` (RFC 3339).' })
  @ApiBadRequestResponse({ description: 'A bad query value.' })
  async coverageGaps(@Query(strict) query: CoverageQuery): Promise<{ hook: string; from: string; to: string; reason: string }[]> {
    const gaps = await this.coverage
      .gaps({ from: toDate(query.from), to: toDate(query.to), hook: query.hook, limit: query.limit ?? 100 })
      .catch((error: unknown) => Promise.reject(refusedArgumentAsBadRequest(error)));
    return gaps.map(({ hook, from, to, reason }) => ({ hook, from: from.toISOString(), to: to.toISOString(), reason }));
  }

  @Post('reconcile')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      "`{ checked, added, completed }`: calls CINNOX's call log holds in the window, those added from it and the active or stale ones it completed.",
  })
  @ApiBadRequestResponse({ description: 'A bad body field, or `to` before `from`.' })
  @ApiBadGatewayResponse({ description: "CINNOX's reports could not be read (refused, unreachable): the pass did not run to its end." })
  async reconcile(@Body(strict) body: ReconcileRequest): Promise<CinnoxReconcileResult> {
    return this.reconciler.reconcile({ from: new Date(body.from), to: new Date(body.to) }).catch((error: unknown) => {
      // CINNOX refusing or not answering is not the client's mistake, nor this app's: a 502 that says so.
      if (error instanceof CinnoxError && !(error instanceof CinnoxOptionsError))
        return Promise.reject(new BadGatewayException(`CINNOX's reports could not be read: ${error.message}`, { cause: error }));
      return Promise.reject(refusedArgumentAsBadRequest(error));
    });
  }

  private logOn(): void {
    if (!this.log.enabled)
      throw new ConflictException('The delivery log is off (CINNOX_DELIVERY_LOG=off): nothing is logged to list or replay.');
  }
}
