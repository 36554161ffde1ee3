/**
 * CINNOX's error shape: the body of every 4xx/5xx the webhook routes answer.
 * @publicApi
 */
export interface CinnoxErrorBody {
  /** The HTTP status, repeated. */
  readonly code: number;
  /** What was wrong, for the sender. */
  readonly message: string;
}
