import { CinnoxError } from './cinnox.error.js';

/**
 * A module option or an argument is missing or malformed; thrown before anything is sent.
 * @publicApi
 */
export class CinnoxOptionsError extends CinnoxError {
  /** @param option the option or argument at fault, e.g. `baseUrl` or `url`. */
  constructor(
    readonly option: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
