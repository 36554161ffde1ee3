import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { CinnoxQueueOptions } from './cinnox-queue-options.interface.js';

/** Extras of `CinnoxQueueModule.forRoot()` / `forRootAsync()`, beside the options. @publicApi */
export interface CinnoxQueueModuleExtras {
  /**
   * Register the module globally, so `CinnoxModule`'s webhook finds the queue wherever it is imported.
   * With false, pass this module in `CinnoxModule.forRootAsync({ imports })`: the webhook only enqueues
   * when it can see `CinnoxEventQueue`, and otherwise emits inline.
   * @default true
   */
  isGlobal?: boolean;
}

export const {
  ConfigurableModuleClass: CinnoxQueueConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: CINNOX_QUEUE_MODULE_OPTIONS,
  ASYNC_OPTIONS_TYPE: CINNOX_QUEUE_ASYNC_OPTIONS_TYPE,
  OPTIONS_TYPE: CINNOX_QUEUE_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<CinnoxQueueOptions>({ moduleName: 'CinnoxQueue' })
  .setClassMethodName('forRoot')
  .setExtras<CinnoxQueueModuleExtras>({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();

/** What `CinnoxQueueModule.forRootAsync()` takes. @publicApi */
export type CinnoxQueueModuleAsyncOptions = typeof CINNOX_QUEUE_ASYNC_OPTIONS_TYPE;
