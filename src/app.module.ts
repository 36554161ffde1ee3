import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { CinnoxModule, type CinnoxModuleOptions } from 'nestjs-cinnox';
import { CinnoxHealthModule } from 'nestjs-cinnox/health';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { CallsModule } from './calls/calls.module.js';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG } from './config/app-config.token.js';
import { appConfig, type AppConfigNamespace } from './config/app.config.js';
import { subscriptionOptions } from './config/subscription-options.js';
import { EmbeddedCinnoxModule } from './embedded/embedded-cinnox.module.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { queueModeImports, queueModeProviders } from './queue/queue-mode.js';

type Config = ConfigService<AppConfigNamespace, true>;

const webhookOptions = (app: AppConfig): CinnoxModuleOptions['webhook'] => ({
  secret: app.webhookSecret,
  allowedSources: app.allowedSources,
});

@Module({})
export class AppModule {
  /** `config` is validated already; whether CINNOX is embedded decides which modules exist. */
  static register(config: AppConfig): DynamicModule {
    const cinnox = config.cinnox
      ? CinnoxModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (settings: Config) => {
            const app = settings.get('app', { infer: true });
            return {
              ...app.cinnox!,
              shutdownGraceMs: app.shutdownGraceMs,
              webhook: webhookOptions(app),
              subscription: subscriptionOptions(app),
            };
          },
        })
      : CinnoxModule.forRootAsync({
          imports: [EmbeddedCinnoxModule],
          inject: [ConfigService, CinnoxSimulator],
          useFactory: (settings: Config, simulator: CinnoxSimulator) => {
            const app = settings.get('app', { infer: true });
            return {
              baseUrl: simulator.baseUrl,
              appId: simulator.appId,
              appToken: simulator.appToken,
              shutdownGraceMs: app.shutdownGraceMs,
              webhook: webhookOptions(app),
              subscription: subscriptionOptions(app),
            };
          },
        });
    return {
      module: AppModule,
      imports: [
        // The environment was read and validated by loadAppConfig(); ConfigService serves the result.
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, load: [appConfig(config)] }),
        EventEmitterModule.forRoot(),
        CinnoxHealthModule,
        cinnox,
        CallsModule,
        ...(config.cinnox ? [] : [EmbeddedCinnoxModule]),
        ...(config.mode === 'queue' ? queueModeImports(config) : []),
      ],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: APP_CONFIG, useValue: config }, ...queueModeProviders(config)],
    };
  }
}
