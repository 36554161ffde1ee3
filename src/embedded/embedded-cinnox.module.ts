import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import type { AppConfigNamespace } from '../config/app.config.js';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { DemoCallsService } from './demo-calls.service.js';

/** Runs the CINNOX simulator inside the sample app when no real CINNOX is configured. */
@Module({
  providers: [
    {
      provide: CinnoxSimulator,
      // CINNOX_SIMULATOR_DROP_RATE: the simulator loses that share of webhook notifications (its reports keep every call).
      useFactory: (settings: ConfigService<AppConfigNamespace, true>) =>
        CinnoxSimulator.start({
          appId: 'demo-app',
          appToken: 'demo-token',
          dropRate: settings.get('app', { infer: true }).simulatorDropRate,
        }),
      inject: [ConfigService],
    },
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
