import { CinnoxError } from './cinnox.error.js';

/**
 * CINNOX could not be reached: connection refused or reset, DNS failure, or the timeout ran out.
 * @publicApi
 */
export class CinnoxNetworkError extends CinnoxError {
  /**
   * @param errorCode the low-level code, e.g. `ECONNREFUSED` or `ECONNABORTED`.
   * @param timedOut true when the request ran past `timeoutMs`.
   * @param options `cause`: the underlying error, when there is one.
   */
  constructor(
    message: string,
    readonly errorCode: string | undefined,
    readonly timedOut: boolean,
    /** How many attempts were made, retries included. */
    readonly attempts = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
