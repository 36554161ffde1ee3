import { ConfigurableModuleBuilder } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { CINNOX_DEFAULT_WEBHOOK_PATH, CINNOX_WEBHOOK_PATH } from './cinnox.constants.js';
import { invalidOption } from './cinnox.messages.js';
import { CinnoxOptionsError } from './errors/cinnox-options.error.js';
import type { CinnoxModuleExtras, CinnoxModuleOptions } from './interfaces/cinnox-options.interface.js';

export const {
  ConfigurableModuleClass: CinnoxConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: CINNOX_MODULE_OPTIONS,
  OPTIONS_TYPE: CINNOX_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: CINNOX_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<CinnoxModuleOptions>({ moduleName: 'Cinnox' })
  .setClassMethodName('forRoot')
  .setExtras<CinnoxModuleExtras>({ isGlobal: false, webhookPath: CINNOX_DEFAULT_WEBHOOK_PATH }, (definition, extras) => {
    const webhookPath = extras.webhookPath ?? CINNOX_DEFAULT_WEBHOOK_PATH;
    if (typeof webhookPath !== 'string' || webhookPath.trim() === '' || /[?#\s]/.test(webhookPath)) {
      throw new CinnoxOptionsError(
        'webhookPath',
        invalidOption('webhookPath', 'must be a URL path such as "cinnox/webhooks/call-events"', webhookPath),
      );
    }
    return {
      ...definition,
      global: extras.isGlobal,
      // RouterModule moves the controller, so the route is configurable without metadata tricks.
      imports: [...(definition.imports ?? []), RouterModule.register([{ path: webhookPath, module: definition.module }])],
      providers: [...(definition.providers ?? []), { provide: CINNOX_WEBHOOK_PATH, useValue: webhookPath }],
    };
  })
  .build();
