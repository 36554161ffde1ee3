/** One listener that failed on an event of a delivery, as the delivery log keeps it. @publicApi */
export interface CinnoxListenerFailure {
  /** The event the listener was called with, e.g. `call.start`. */
  readonly event: string;
  /**
   * Which of the event's listeners failed: its position (1-based) among the listeners EventEmitter2 calls
   * for the event, `onAny` listeners after them. Nest registers listeners as anonymous closures, so their
   * class and method cannot be read back.
   */
  readonly listener: number;
  /** The error's message, secrets redacted and control characters escaped as in the log line. */
  readonly error: string;
}
