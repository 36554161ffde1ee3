import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseEnumPipe,
  ParseIntPipe,
  Query,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CinnoxCallTracker, type CinnoxCallStatus } from 'nestjs-cinnox';
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
  @ApiQuery({ name: 'limit', type: Number, required: false, description: '1 to 1000; default 100.' })
  @ApiOkResponse({ type: [CallRecord], description: 'Calls the tracker keeps, newest first (by first receipt).' })
  list(
    @Query('status', new ParseEnumPipe(CallStatusFilter, { optional: true })) status?: CinnoxCallStatus,
    @Query('limit', new ParseIntPipe({ optional: true })) limit?: number,
  ): Promise<CallRecord[]> {
    if (limit !== undefined && (limit < 1 || limit > 1000)) throw new BadRequestException('limit must be from 1 to 1000.');
    return fromStore(() => this.tracker.list({ status, limit }));
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

/** The store's answer, or 503 when it fails or is late: the client's request was fine, the store is not. */
async function fromStore<T>(read: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CALL_STORE_READ_TIMEOUT_MS} ms`)), CALL_STORE_READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([read(), late]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServiceUnavailableException(`The call store is unavailable (${reason}); try again later.`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
