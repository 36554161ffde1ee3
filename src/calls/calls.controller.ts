import { BadRequestException, Controller, Get, NotFoundException, Param, ParseEnumPipe, ParseIntPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CinnoxCallTracker, type CinnoxCallStatus } from 'nestjs-cinnox';
import { CallRecord } from './call-record.dto.js';

enum CallStatusFilter {
  active = 'active',
  ended = 'ended',
  stale = 'stale',
}

@ApiTags('calls')
@Controller('calls')
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
    return this.tracker.list({ status, limit });
  }

  @Get(':id')
  @ApiOkResponse({ type: CallRecord })
  @ApiNotFoundResponse({ description: 'No call with that id is known (never seen, or expired).' })
  async get(@Param('id') id: string): Promise<CallRecord> {
    const call = await this.tracker.get(id);
    if (!call) throw new NotFoundException(`No call with id "${id}" is known.`);
    return call;
  }
}
