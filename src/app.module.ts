import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { CinnoxModule, type CinnoxModuleOptions } from 'nestjs-cinnox';
import { CinnoxHealthModule } from 'nestjs-cinnox/health';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { CallStoreFactory } from './calls/call-store.factory.js';
import { CallStoreModule } from './calls/call-store.module.js';
import { CallsModule } from './calls/calls.module.js';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG } from './config/app-config.token.js';
import { appConfig, type AppConfigNamespace } from './config/app.config.js';
import { subscriptionOptions } from './config/subscription-options.js';
import { EmbeddedCinnoxModule } from './embedded/embedded-cinnox.module.js';
import { HealthController } from './health/health.controller.js';
import { HookEventsListener } from './hooks/hook-events.listener.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { queueModeImports, queueModeProviders } from './queue/queue-mode.js';

type Config = ConfigService<AppConfigNamespace, true>;

const webhookOptions = (app: AppConfig): CinnoxModuleOptions['webhook'] => ({
  secret: app.webhookSecret,
  allowedSources: app.allowedSources,
});

// The sample always tracks calls: GET /calls reads the library's tracker.
const callsOptions = (app: AppConfig, stores: CallStoreFactory): CinnoxModuleOptions['calls'] => ({
  track: true,
  store: stores.create(),
  maxCallDurationMs: app.callMaxDurationMs,
});

@Module({})
export class AppModule {
  /** `config` is validated already; whether CINNOX is embedded decides which modules exist. */
  static register(config: AppConfig): DynamicModule {
    // Global, so CallsModule reads the call tracker.
    const cinnox = config.cinnox
      ? CinnoxModule.forRootAsync({
          isGlobal: true,
          hooks: config.hooks,
          imports: [CallStoreModule],
          inject: [ConfigService, CallStoreFactory],
          useFactory: (settings: Config, stores: CallStoreFactory) => {
            const app = settings.get('app', { infer: true });
            return {
              ...app.cinnox!,
              shutdownGraceMs: app.shutdownGraceMs,
              webhook: webhookOptions(app),
              subscription: subscriptionOptions(app),
              calls: callsOptions(app, stores),
            };
          },
        })
      : CinnoxModule.forRootAsync({
          isGlobal: true,
          hooks: config.hooks,
          imports: [EmbeddedCinnoxModule, CallStoreModule],
          inject: [ConfigService, CinnoxSimulator, CallStoreFactory],
          useFactory: (settings: Config, simulator: CinnoxSimulator, stores: CallStoreFactory) => {
            const app = settings.get('app', { infer: true });
            return {
              baseUrl: simulator.baseUrl,
              appId: simulator.appId,
              appToken: simulator.appToken,
              shutdownGraceMs: app.shutdownGraceMs,
              webhook: webhookOptions(app),
              subscription: subscriptionOptions(app),
              calls: callsOptions(app, stores),
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
      providers: [{ provide: APP_CONFIG, useValue: config }, HookEventsListener, ...queueModeProviders(config)],
    };
  }
}
