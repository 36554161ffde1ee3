import { Logger, type Provider } from '@nestjs/common';
import { webhookPathDeprecated } from '../cinnox.messages.js';

let warned = false;

/**
 * Warns, once per process, that the `webhookPath` extra is deprecated. A provider rather than a line in the
 * module definition: it runs at boot, so the warning goes through the logger the app was created with.
 */
export function webhookPathDeprecation(webhookPath: string): Provider {
  return {
    provide: Symbol('cinnox:webhook-path-deprecation'),
    useFactory: () => {
      if (!warned) new Logger('CinnoxModule').warn(webhookPathDeprecated(webhookPath));
      warned = true;
    },
  };
}
