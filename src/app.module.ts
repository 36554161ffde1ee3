import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { CinnoxHealthModule } from 'nestjs-cinnox/health';
import { AdminModule } from './admin/admin.module.js';
import { BoardModule } from './board/board.module.js';
import { CallsModule } from './calls/calls.module.js';
import type { AppSettings } from './config/app.config.js';
import { sampleCinnoxModule } from './config/sample-cinnox.module.js';
import { DatabaseModule } from './database/database.module.js';
import type { SampleDatabase } from './database/sample-database.js';
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
  static async register({ config, configModule }: AppSettings, database: SampleDatabase): Promise<DynamicModule> {
    const cinnox = config.cinnox
      ? [sampleCinnoxModule({ api: (app) => app.cinnox! }, config.hooks)]
      : (await import('./embedded/embedded-cinnox.imports.js')).embeddedCinnoxImports(config.hooks);
    return {
      module: AppModule,
      imports: [
        configModule,
        EventEmitterModule.forRoot(),
        CinnoxHealthModule,
        // Before CinnoxModule: both are global, so the database closes after the delivery log's last flush.
        DatabaseModule.forRoot(database),
        ...cinnox,
        CallsModule,
        // No ADMIN_TOKEN: the admin routes do not exist at all (404), not merely refused.
        ...(config.adminToken ? [AdminModule] : []),
        // Against a real CINNOX the board shows phone numbers: without ADMIN_TOKEN it does not exist (404).
        ...(config.cinnox && !config.adminToken ? [] : [BoardModule]),
        ...(config.mode === 'queue' ? queueModeImports(config) : []),
        ...(config.otlp ? [OtlpTracingModule.register(config.otlp)] : []),
      ],
      controllers: [HealthController, MetricsController],
      providers: [HookEventsListener, ...queueModeProviders(config)],
    };
  }
}
