import { Module } from '@nestjs/common';
import { CallRegistry } from './call-registry.service.js';
import { CallsController } from './calls.controller.js';
import { CallsListener } from './calls.listener.js';

@Module({
  controllers: [CallsController],
  providers: [CallRegistry, CallsListener],
})
export class CallsModule {}
