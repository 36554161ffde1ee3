import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import type { CallRecord } from './call-record.interface.js';
import { CallRegistry } from './call-registry.service.js';

@Controller('calls')
export class CallsController {
  constructor(private readonly registry: CallRegistry) {}

  @Get()
  list(): CallRecord[] {
    return this.registry.list();
  }

  @Get(':id')
  get(@Param('id') id: string): CallRecord {
    const call = this.registry.get(id);
    if (!call) throw new NotFoundException(`No call with id "${id}" has been seen.`);
    return call;
  }
}
