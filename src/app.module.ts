import { Module, type DynamicModule } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { CinnoxModule } from 'nestjs-cinnox';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { CallsModule } from './calls/calls.module.js';
import type { AppConfig } from './config/app-config.js';
import { EmbeddedCinnoxModule } from './embedded/embedded-cinnox.module.js';
import { APP_CONFIG } from './config/app-config.token.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { WebhookSubscriber } from './subscription/webhook-subscriber.service.js';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    const webhook = {
      // The embedded demo always uses a secret, so the token path is exercised from the first run.
      secret: config.webhookSecret ?? (config.cinnox ? undefined : randomBytes(24).toString('base64url')),
      allowedSources: config.allowedSources,
    };
    const cinnox = config.cinnox
      ? CinnoxModule.forRoot({ ...config.cinnox, webhook })
      : CinnoxModule.forRootAsync({
          imports: [EmbeddedCinnoxModule],
          inject: [CinnoxSimulator],
          useFactory: (simulator: CinnoxSimulator) => ({
            baseUrl: simulator.baseUrl,
            appId: simulator.appId,
            appToken: simulator.appToken,
            webhook,
          }),
        });
    return {
      module: AppModule,
      imports: [EventEmitterModule.forRoot(), cinnox, CallsModule, ...(config.cinnox ? [] : [EmbeddedCinnoxModule])],
      controllers: [HealthController, MetricsController],
      providers: [WebhookSubscriber, { provide: APP_CONFIG, useValue: config }],
    };
  }
}
