import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { CinnoxHealthModule } from 'nestjs-cinnox/health';
import { CallsModule } from './calls/calls.module.js';
import type { AppSettings } from './config/app.config.js';
import { sampleCinnoxModule } from './config/sample-cinnox.module.js';
import { HealthController } from './health/health.controller.js';
import { HookEventsListener } from './hooks/hook-events.listener.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { queueModeImports, queueModeProviders } from './queue/queue-mode.js';
import { OtlpTracingModule } from './tracing/otlp-tracing.module.js';

@Module({})
export class AppModule {
  /**
   * `config` is validated already (readAppSettings); whether CINNOX is embedded decides which modules exist.
   * Only the embedded mode loads nestjs-cinnox/testing (on demand), so a real deployment never does.
   */
  static async register({ config, configModule }: AppSettings): Promise<DynamicModule> {
    const cinnox = config.cinnox
      ? [sampleCinnoxModule({ api: (app) => app.cinnox! }, config.hooks)]
      : (await import('./embedded/embedded-cinnox.imports.js')).embeddedCinnoxImports(config.hooks);
    return {
      module: AppModule,
      imports: [
        configModule,
        EventEmitterModule.forRoot(),
        CinnoxHealthModule,
        ...cinnox,
        CallsModule,
        ...(config.mode === 'queue' ? queueModeImports(config) : []),
        ...(config.otlp ? [OtlpTracingModule.register(config.otlp)] : []),
      ],
      controllers: [HealthController, MetricsController],
      providers: [HookEventsListener, ...queueModeProviders(config)],
    };
  }
}
