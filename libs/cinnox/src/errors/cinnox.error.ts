/**
 * Base class of every error the library throws, so callers can catch them all with one `instanceof`.
 * @publicApi
 */
export class CinnoxError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
