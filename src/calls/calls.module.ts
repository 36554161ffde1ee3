import { Module } from '@nestjs/common';
import { CallsController } from './calls.controller.js';
import { CallsListener } from './calls.listener.js';

@Module({
  controllers: [CallsController],
  providers: [CallsListener],
})
export class CallsModule {}
