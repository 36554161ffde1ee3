import { webhookBodyInvalid } from '../cinnox.messages.js';

/** A request the webhook refuses before its handler runs, as an HTTP status and a message for the sender. */
export class WebhookRejection extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  /** A problem with the body itself, worded for the sender. */
  static body(status: number, detail: string): WebhookRejection {
    return new WebhookRejection(status, webhookBodyInvalid(detail));
  }

  /**
   * Reads an error from a body parser (http-errors on Express, FST_ERR_* on Fastify): its client status
   * and message, or undefined when it is not a client error.
   */
  static fromParser(error: unknown): WebhookRejection | undefined {
    if (error instanceof WebhookRejection) return error;
    const { status, statusCode, message } = (error ?? {}) as { status?: unknown; statusCode?: unknown; message?: unknown };
    const code = typeof statusCode === 'number' ? statusCode : status;
    if (typeof code === 'number' && code >= 400 && code < 500) return WebhookRejection.body(code, String(message));
    if (error instanceof SyntaxError) return WebhookRejection.body(400, error.message);
    return undefined;
  }
}
