/**
 * CINNOX's error shape: the body of every 4xx/5xx the webhook answers.
 * @publicApi
 */
export interface CinnoxErrorBody {
  /** The HTTP status, repeated. */
  readonly code: number;
  /** What was wrong, for the sender. */
  readonly message: string;
}
