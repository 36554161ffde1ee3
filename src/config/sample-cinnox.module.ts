import type { DynamicModule, InjectionToken, ModuleMetadata } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CinnoxModule, type CinnoxModuleOptions } from 'nestjs-cinnox';
import { CinnoxPostgresCoverageStore, CinnoxPostgresDeliveryLogStore } from 'nestjs-cinnox/postgres';
import { CallStoreFactory } from '../calls/call-store.factory.js';
import { CallStoreModule } from '../calls/call-store.module.js';
import { SampleDatabase } from '../database/sample-database.js';
import type { AppConfig } from './app-config.js';
import type { AppConfigNamespace } from './app.config.js';
import { subscriptionOptions } from './subscription-options.js';

type CinnoxApi = Pick<CinnoxModuleOptions, 'baseUrl' | 'appId' | 'appToken'>;

/** Where the sample's CINNOX credentials come from: the environment, or a provider (the embedded simulator). */
export interface CinnoxApiSource<T = unknown> {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken;
  api: (app: AppConfig, injected: T) => CinnoxApi;
}

/**
 * `CinnoxModule` as the sample configures it, whichever CINNOX it talks to. Global, so CallsModule
 * reads the call tracker; the sample always tracks calls (GET /calls reads the library's tracker), records
 * coverage gaps, and logs every delivery in its database unless CINNOX_DELIVERY_LOG=off.
 */
export function sampleCinnoxModule<T>(source: CinnoxApiSource<T>, hooks: AppConfig['hooks']): DynamicModule {
  return CinnoxModule.forRootAsync({
    isGlobal: true,
    hooks,
    imports: [...(source.imports ?? []), CallStoreModule],
    inject: [ConfigService, CallStoreFactory, SampleDatabase, ...(source.inject ? [source.inject] : [])],
    useFactory: (settings: ConfigService<AppConfigNamespace, true>, stores: CallStoreFactory, database: SampleDatabase, injected: T) => {
      const app = settings.get('app', { infer: true });
      const { db, schema } = database;
      return {
        ...source.api(app, injected),
        shutdownGraceMs: app.shutdownGraceMs,
        shutdownDelayMs: app.shutdownDelayMs,
        webhook: { secret: app.webhookSecret, allowedSources: app.allowedSources },
        subscription: subscriptionOptions(app),
        calls: {
          track: true,
          store: stores.create(),
          maxCallDurationMs: app.callMaxDurationMs,
          ...(app.settleDelayMs === undefined ? {} : { settle: { delayMs: app.settleDelayMs } }),
        },
        // Coverage gaps of the call hook are reconciled with CINNOX's call log (on by default); periodically too when set.
        ...(app.reconcileIntervalMs === undefined ? {} : { reconcile: { intervalMs: app.reconcileIntervalMs } }),
        deliveryLog:
          app.deliveryLog.enabled && db
            ? { store: new CinnoxPostgresDeliveryLogStore(db, schema), retentionMs: app.deliveryLog.retentionMs }
            : undefined,
        // Heartbeats and gaps in the database, so a restart's downtime is a gap; without one, this process's life only.
        coverage: {
          heartbeatIntervalMs: app.coverageHeartbeatMs,
          ...(db ? { store: new CinnoxPostgresCoverageStore(db, schema) } : {}),
        },
      };
    },
  });
}
