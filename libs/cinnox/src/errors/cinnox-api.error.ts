import { CinnoxErrorCode } from './cinnox-error-code.js';
import { CinnoxError } from './cinnox.error.js';

/**
 * CINNOX answered the subscription call with a non-2xx status (a `400 { code, message }` and the like).
 * @publicApi
 */
export class CinnoxApiError extends CinnoxError {
  /** @deprecated Use `CinnoxErrorCode.TooManyRequests`, where CINNOX's codes are declared. */
  static readonly TOO_MANY_REQUESTS = CinnoxErrorCode.TooManyRequests;
  /** @deprecated Use `CinnoxErrorCode.InvalidToken`. */
  static readonly INVALID_TOKEN = CinnoxErrorCode.InvalidToken;
  /** @deprecated Use `CinnoxErrorCode.InvalidAppId`. */
  static readonly INVALID_APP_ID = CinnoxErrorCode.InvalidAppId;

  /**
   * @param status HTTP status CINNOX answered.
   * @param code CINNOX's own `code`, when the body carried one.
   * @param vendorMessage CINNOX's `message`, when the body carried one.
   * @param options `cause`: the underlying error, when there is one.
   */
  constructor(
    message: string,
    readonly status: number,
    readonly code: number | undefined,
    readonly vendorMessage: string | undefined,
    /** How many attempts were made, retries included. */
    readonly attempts = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** True when CINNOX throttled the call: code 6451010 or HTTP 429. Worth retrying later. */
  get isRateLimited(): boolean {
    return this.code === CinnoxErrorCode.TooManyRequests || this.status === 429;
  }

  /** True when CINNOX refused the app token: code 6452000, or HTTP 401/403. */
  get isInvalidToken(): boolean {
    return this.code === CinnoxErrorCode.InvalidToken || this.status === 401 || this.status === 403;
  }

  /** True when CINNOX does not serve the path called (code 6450001), e.g. a wrong `subscription.paths` entry. */
  get isPathNotFound(): boolean {
    return this.code === CinnoxErrorCode.MethodNotFound;
  }

  /** True when CINNOX does not know the app ID (code 6452001). */
  get isInvalidAppId(): boolean {
    return this.code === CinnoxErrorCode.InvalidAppId;
  }
}
