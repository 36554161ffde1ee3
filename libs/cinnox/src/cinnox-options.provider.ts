import type { Provider } from '@nestjs/common';
import { CINNOX_DEFAULT_TIMEOUT_MS, CINNOX_RESOLVED_OPTIONS } from './cinnox.constants.js';
import { invalidOption } from './cinnox.messages.js';
import { CINNOX_MODULE_OPTIONS } from './cinnox.module-definition.js';
import { CinnoxOptionsError } from './errors/cinnox-options.error.js';
import type { CinnoxModuleOptions, CinnoxResolvedOptions } from './interfaces/cinnox-options.interface.js';
import { isHttpUrl } from './subscription/is-http-url.js';

/** Merges defaults once and fails start-up with an error naming the bad option. */
export function resolveCinnoxOptions(options: CinnoxModuleOptions | undefined): CinnoxResolvedOptions {
  const given = (options ?? {}) as Partial<CinnoxModuleOptions>;
  const { baseUrl, appId, appToken, timeoutMs = CINNOX_DEFAULT_TIMEOUT_MS } = given;
  if (typeof baseUrl !== 'string' || !isHttpUrl(baseUrl)) {
    throw new CinnoxOptionsError('baseUrl', invalidOption('baseUrl', 'must be an absolute http:// or https:// URL', baseUrl));
  }
  if (typeof appId !== 'string' || appId.trim() === '') {
    throw new CinnoxOptionsError('appId', invalidOption('appId', 'must be a non-empty string', appId));
  }
  // The token's value is never echoed, even when it is wrong.
  if (typeof appToken !== 'string' || appToken.trim() === '') {
    throw new CinnoxOptionsError('appToken', invalidOption('appToken', 'must be a non-empty string'));
  }
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new CinnoxOptionsError('timeoutMs', invalidOption('timeoutMs', 'must be a positive whole number of milliseconds', timeoutMs));
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ''), appId, appToken, timeoutMs };
}

export const cinnoxResolvedOptionsProvider: Provider = {
  provide: CINNOX_RESOLVED_OPTIONS,
  useFactory: resolveCinnoxOptions,
  inject: [CINNOX_MODULE_OPTIONS],
};
