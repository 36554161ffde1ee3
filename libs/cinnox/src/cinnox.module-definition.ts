import { ConfigurableModuleBuilder } from '@nestjs/common';
import { CINNOX_WEBHOOK_ROUTES } from './cinnox.constants.js';
import type { CinnoxModuleExtras, CinnoxModuleOptions } from './cinnox-options.interface.js';
import { createWebhookController } from './webhook/create-webhook-controller.js';
import { toWebhookRoutes } from './webhook/to-webhook-routes.js';
import { webhookPathDeprecation } from './webhook/webhook-path-deprecation.js';

export const {
  ConfigurableModuleClass: CinnoxConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: CINNOX_MODULE_OPTIONS,
  OPTIONS_TYPE: CINNOX_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: CINNOX_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<CinnoxModuleOptions>({ moduleName: 'Cinnox' })
  .setClassMethodName('forRoot')
  // Every extra is listed, even undefined ones: forRoot() leaves the listed keys out of the options it provides,
  // so one of them in the options can only come from an async factory, where it would be lost (see
  // refuseModuleExtras).
  .setExtras<CinnoxModuleExtras>(
    { isGlobal: false, webhookPath: undefined, hooks: undefined, hookPaths: undefined },
    (definition, extras) => {
      // One controller per hook, each on its own path: CINNOX's payloads carry no reliable hook marker.
      const routes = toWebhookRoutes(extras);
      return {
        ...definition,
        global: extras.isGlobal,
        controllers: [...(definition.controllers ?? []), ...routes.map(createWebhookController)],
        providers: [
          ...(definition.providers ?? []),
          { provide: CINNOX_WEBHOOK_ROUTES, useValue: routes },
          ...(extras.webhookPath === undefined ? [] : [webhookPathDeprecation(extras.webhookPath)]),
        ],
      };
    },
  )
  .build();

/**
 * What `CinnoxModule.forRootAsync()` takes: `useFactory` / `useClass` / `useExisting` with `imports` and
 * `inject`, plus the module extras (`isGlobal`, `hooks`, `hookPaths`; `webhookPath`, deprecated). The extras shape the
 * module's routes before any factory runs, so they go beside `useFactory`, as in
 * `forRootAsync({ hooks: ['call', 'sms'], useFactory })`; one returned by the factory (or by `useClass` /
 * `useExisting`) fails start-up with a `CinnoxOptionsError` saying so.
 * @publicApi
 */
export type CinnoxModuleAsyncOptions = typeof CINNOX_ASYNC_OPTIONS_TYPE;
