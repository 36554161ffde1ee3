import { CinnoxApiError } from '../errors/cinnox-api.error.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';

/**
 * True when trying again cannot help until someone fixes the configuration: CINNOX refused the app token
 * (6452000, 401, 403) or the app ID (6452001), it does not serve the hook's subscription path (6450001), or
 * the URL is malformed. Anything else (unreachable, 5xx,
 * 429, 6451010, and the 400 CINNOX answers when the challenge did not come back) is worth retrying.
 */
export function isPermanentRefusal(error: unknown): boolean {
  if (error instanceof CinnoxOptionsError) return true;
  return error instanceof CinnoxApiError && (error.isInvalidToken || error.isInvalidAppId || error.isPathNotFound) && !error.isRateLimited;
}
