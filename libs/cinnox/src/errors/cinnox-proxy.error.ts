import { CinnoxNetworkError } from './cinnox-network.error.js';

/**
 * A proxy between the app and CINNOX answered a CINNOX call itself (a 407, or an error without CINNOX's
 * `{ code, message }` JSON body, such as a proxy's HTML 502 page): CINNOX was not reached, so nothing of
 * CINNOX's (token, app ID) is judged. A `CinnoxNetworkError`, as CINNOX could not be reached.
 * @publicApi
 */
export class CinnoxProxyError extends CinnoxNetworkError {
  /**
   * @param status HTTP status the proxy answered.
   * @param proxy the proxy that answered, as `protocol://host:port` (never with credentials).
   * @param attempts how many attempts were made, retries included.
   * @param options `cause`: the underlying error, when there is one.
   */
  constructor(
    message: string,
    readonly status: number,
    readonly proxy: string,
    attempts = 1,
    options?: ErrorOptions,
  ) {
    super(message, undefined, false, attempts, options);
  }
}
