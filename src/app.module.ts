import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { CinnoxModule } from 'nestjs-cinnox';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { CallsModule } from './calls/calls.module.js';
import type { AppConfig } from './config/app-config.js';
import { EmbeddedCinnoxModule } from './embedded/embedded-cinnox.module.js';
import { HealthController } from './health/health.controller.js';
import { WebhookSubscriber } from './subscription/webhook-subscriber.service.js';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    const cinnox = config.cinnox
      ? CinnoxModule.forRoot(config.cinnox)
      : CinnoxModule.forRootAsync({
          imports: [EmbeddedCinnoxModule],
          inject: [CinnoxSimulator],
          useFactory: (simulator: CinnoxSimulator) => ({
            baseUrl: simulator.baseUrl,
            appId: simulator.appId,
            appToken: simulator.appToken,
          }),
        });
    return {
      module: AppModule,
      imports: [EventEmitterModule.forRoot(), cinnox, CallsModule, ...(config.cinnox ? [] : [EmbeddedCinnoxModule])],
      controllers: [HealthController],
      providers: [WebhookSubscriber],
    };
  }
}
