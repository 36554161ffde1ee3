import { ConfigurableModuleBuilder } from '@nestjs/common';
import { CINNOX_WEBHOOK_ROUTES } from './cinnox.constants.js';
import type { CinnoxModuleExtras, CinnoxModuleOptions } from './interfaces/cinnox-options.interface.js';
import { createWebhookController } from './webhook/create-webhook-controller.js';
import { toWebhookRoutes } from './webhook/to-webhook-routes.js';

export const {
  ConfigurableModuleClass: CinnoxConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: CINNOX_MODULE_OPTIONS,
  OPTIONS_TYPE: CINNOX_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: CINNOX_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<CinnoxModuleOptions>({ moduleName: 'Cinnox' })
  .setClassMethodName('forRoot')
  .setExtras<CinnoxModuleExtras>({ isGlobal: false }, (definition, extras) => {
    // One controller per hook, each on its own path: CINNOX's payloads carry no reliable hook marker.
    const routes = toWebhookRoutes(extras);
    return {
      ...definition,
      global: extras.isGlobal,
      controllers: [...(definition.controllers ?? []), ...routes.map(createWebhookController)],
      providers: [...(definition.providers ?? []), { provide: CINNOX_WEBHOOK_ROUTES, useValue: routes }],
    };
  })
  .build();

/**
 * What `CinnoxModule.forRootAsync()` takes: `useFactory` / `useClass` / `useExisting` with `imports` and
 * `inject`, plus `isGlobal`.
 * @publicApi
 */
export type CinnoxModuleAsyncOptions = typeof CINNOX_ASYNC_OPTIONS_TYPE;
