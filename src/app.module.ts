import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { CinnoxHealthModule } from 'nestjs-cinnox/health';
import { CallsModule } from './calls/calls.module.js';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG } from './config/app-config.token.js';
import { appConfig } from './config/app.config.js';
import { sampleCinnoxModule } from './config/sample-cinnox.module.js';
import { HealthController } from './health/health.controller.js';
import { HookEventsListener } from './hooks/hook-events.listener.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { queueModeImports, queueModeProviders } from './queue/queue-mode.js';

@Module({})
export class AppModule {
  /**
   * `config` is validated already; whether CINNOX is embedded decides which modules exist. Only the
   * embedded mode loads nestjs-cinnox/testing (on demand), so a real deployment never does.
   */
  static async register(config: AppConfig): Promise<DynamicModule> {
    const cinnox = config.cinnox
      ? [sampleCinnoxModule({ api: (app) => app.cinnox! }, config.hooks)]
      : (await import('./embedded/embedded-cinnox.imports.js')).embeddedCinnoxImports(config.hooks);
    return {
      module: AppModule,
      imports: [
        // The environment was read and validated by loadAppConfig(); ConfigService serves the result.
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, load: [appConfig(config)] }),
        EventEmitterModule.forRoot(),
        CinnoxHealthModule,
        ...cinnox,
        CallsModule,
        ...(config.mode === 'queue' ? queueModeImports(config) : []),
      ],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: APP_CONFIG, useValue: config }, HookEventsListener, ...queueModeProviders(config)],
    };
  }
}
