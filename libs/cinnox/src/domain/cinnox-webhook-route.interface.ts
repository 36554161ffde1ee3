import type { CinnoxHookDefinition } from './cinnox-hook-definition.interface.js';

/** One hook's webhook route: the definition that serves it and its path below the global prefix. */
export interface CinnoxWebhookRoute {
  readonly hook: CinnoxHookDefinition;
  readonly path: string;
}
