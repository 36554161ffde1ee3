import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseEnumPipe,
  ParseIntPipe,
  Query,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CinnoxCallTracker, CinnoxOptionsError, type CinnoxCallStatus } from 'nestjs-cinnox';
import { refusedArgumentAsBadRequest } from '../http/refused-argument.js';
import { CallRecord } from './call-record.dto.js';

enum CallStatusFilter {
  active = 'active',
  ended = 'ended',
  stale = 'stale',
}

/**
 * Longest wait for the call store, in ms. The library's Redis store gives up after its own timeoutMs (1 s);
 * this bounds any store, so a client hears 503 within it, never waits on a Redis that stopped answering.
 */
export const CALL_STORE_READ_TIMEOUT_MS = 1500;

@ApiTags('calls')
@Controller('calls')
@ApiServiceUnavailableResponse({
  description: `The call store (Redis in queue mode) did not answer within ${CALL_STORE_READ_TIMEOUT_MS} ms.`,
})
export class CallsController {
  constructor(private readonly tracker: CinnoxCallTracker) {}

  @Get()
  @ApiQuery({ name: 'status', enum: CallStatusFilter, required: false })
  @ApiQuery({ name: 'from', required: false, description: 'RFC 3339: calls first received at or after.' })
  @ApiQuery({ name: 'to', required: false, description: 'RFC 3339: calls first received before.' })
  @ApiQuery({ name: 'limit', type: Number, required: false, description: '1 to 1000; default 100.' })
  @ApiQuery({ name: 'cursor', required: false, description: "The previous page's Next-Cursor header." })
  @ApiOkResponse({
    type: [CallRecord],
    description: 'Calls the tracker keeps, newest first (by first receipt); a Next-Cursor header when more match.',
    headers: { 'Next-Cursor': { description: 'Pass as `cursor` for the next page; absent on the last page.', schema: { type: 'string' } } },
  })
  @ApiBadRequestResponse({ description: 'A bad status, time, limit or cursor.' })
  async list(
    @Res({ passthrough: true }) response: { header(name: string, value: string): unknown },
    @Query('status', new ParseEnumPipe(CallStatusFilter, { optional: true })) status?: CinnoxCallStatus,
    @Query('limit', new ParseIntPipe({ optional: true })) limit?: number,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('cursor') cursor?: string,
  ): Promise<CallRecord[]> {
    if (limit !== undefined && (limit < 1 || limit > 1000)) throw new BadRequestException('limit must be from 1 to 1000.');
    if (cursor !== undefined && (typeof cursor !== 'string' || cursor === '')) {
      throw new BadRequestException("cursor must be a previous page's Next-Cursor header.");
    }
    const query = { status, limit, from: readTime('from', from), to: readTime('to', to), cursor };
    const page = await fromStore(() => this.tracker.page(query));
    if (page.nextCursor !== undefined) response.header('Next-Cursor', page.nextCursor);
    return page.records;
  }

  @Get(':id')
  @ApiOkResponse({ type: CallRecord })
  @ApiNotFoundResponse({ description: 'No call with that id is known (never seen, or expired).' })
  async get(@Param('id') id: string): Promise<CallRecord> {
    const call = await fromStore(() => this.tracker.get(id));
    if (!call) throw new NotFoundException(`No call with id "${id}" is known.`);
    return call;
  }
}

// RFC 3339 (with a zone), as the calls' times are written: a bare date or a local time would be read in the server's zone.
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function readTime(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const time = typeof raw === 'string' && RFC_3339.test(raw) ? new Date(raw) : undefined;
  if (time === undefined || Number.isNaN(time.getTime())) {
    throw new BadRequestException(`${name} must be an RFC 3339 time such as 2026-01-31T12:00:00Z, got "${String(raw)}".`);
  }
  return time;
}

/**
 * The store's answer, or 503 when it fails or is late: the client's request was fine, the store is not. An
 * argument the library refuses (a cursor of no page of its) is the client's mistake: 400.
 */
async function fromStore<T>(read: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CALL_STORE_READ_TIMEOUT_MS} ms`)), CALL_STORE_READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([read(), late]);
  } catch (error) {
    if (error instanceof CinnoxOptionsError) throw refusedArgumentAsBadRequest(error);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServiceUnavailableException(`The call store is unavailable (${reason}); try again later.`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
