import { webhookBodyInvalid, webhookBodyUnreadable, webhookInternalError } from '../cinnox.messages.js';

/** A request the webhook refuses before its handler runs, as an HTTP status and a message for the sender. */
export class WebhookRejection extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The client went away mid-body: there is nobody to answer, and nothing worth more than a debug line. */
    readonly aborted = false,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** A problem with the body itself, worded for the sender; `cause` is the parser's error, when one threw. */
  static body(status: number, detail: string, options?: ErrorOptions): WebhookRejection {
    return new WebhookRejection(status, webhookBodyInvalid(detail), false, options);
  }

  /** A body the app itself could not read (not the sender's fault): 500 in CINNOX's shape, `cause` for the log. */
  static internal(cause: unknown): WebhookRejection {
    return new WebhookRejection(500, webhookInternalError(), false, { cause });
  }

  /** The log line of a rejection that is the app's fault (status 5xx): what failed and what to fix. */
  get logLine(): string {
    const cause = this.cause;
    const reason =
      cause instanceof Error
        ? [(cause as { type?: unknown; code?: unknown }).type ?? (cause as { code?: unknown }).code, cause.message]
        : [cause];
    return webhookBodyUnreadable(reason.filter(Boolean).map(String).join(': '));
  }

  /**
   * Reads an error from a body reader (raw-body and http-errors on Express, FST_ERR_* on Fastify): its
   * client status and message, or undefined when it is not a client error.
   */
  static fromParser(error: unknown): WebhookRejection | undefined {
    if (error instanceof WebhookRejection) return error;
    const { status, statusCode, message, type, code } = (error ?? {}) as Record<string, unknown>;
    if (type === 'request.aborted' || code === 'ECONNRESET' || message === 'aborted') {
      return new WebhookRejection(400, webhookBodyInvalid('the client closed the connection mid-body'), true);
    }
    const httpStatus = typeof statusCode === 'number' ? statusCode : status;
    if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500)
      return WebhookRejection.body(httpStatus, String(message), { cause: error });
    if (error instanceof SyntaxError) return WebhookRejection.body(400, error.message, { cause: error });
    return undefined;
  }
}
