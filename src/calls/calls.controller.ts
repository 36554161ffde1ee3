import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CallRecord } from './call-record.dto.js';
import { CallRegistry } from './call-registry.service.js';

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(private readonly registry: CallRegistry) {}

  @Get()
  @ApiOkResponse({ type: [CallRecord], description: 'The newest 10,000 calls seen, oldest first.' })
  list(): CallRecord[] {
    return this.registry.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: CallRecord })
  @ApiNotFoundResponse({ description: 'No call with that id has been seen.' })
  get(@Param('id') id: string): CallRecord {
    const call = this.registry.get(id);
    if (!call) throw new NotFoundException(`No call with id "${id}" has been seen.`);
    return call;
  }
}
