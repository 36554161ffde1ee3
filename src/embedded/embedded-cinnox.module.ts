import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { DemoCallsService } from './demo-calls.service.js';

/** Runs the CINNOX simulator inside the sample app when no real CINNOX is configured. */
@Module({
  providers: [
    { provide: CinnoxSimulator, useFactory: () => CinnoxSimulator.start({ appId: 'demo-app', appToken: 'demo-token' }) },
    DemoCallsService,
  ],
  exports: [CinnoxSimulator, DemoCallsService],
})
export class EmbeddedCinnoxModule implements OnApplicationShutdown {
  constructor(private readonly moduleRef: ModuleRef) {}

  async onApplicationShutdown(): Promise<void> {
    await this.moduleRef.get(CinnoxSimulator).stop();
  }
}
