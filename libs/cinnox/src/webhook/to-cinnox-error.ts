import { HttpException, HttpStatus } from '@nestjs/common';

/** CINNOX's error shape, used for every error answered on the webhook route. */
export interface CinnoxErrorBody {
  code: number;
  message: string;
}

const INTERNAL = 'Internal error while handling the CINNOX webhook';

/**
 * Maps anything thrown on the webhook route to a status and CINNOX's `{ code, message }`.
 * Body-parser errors (http-errors with an exposed 4xx status) keep their status and message.
 */
export function toCinnoxError(exception: unknown): { status: number; body: CinnoxErrorBody; internal: boolean } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const detail = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(detail) ? detail.join('; ') : String(detail ?? exception.message);
    return { status, body: { code: status, message }, internal: status >= 500 };
  }
  const { status, expose, message } = (exception ?? {}) as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500 && expose === true) {
    return { status, body: { code: status, message: `Invalid CINNOX webhook body: ${String(message)}` }, internal: false };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { code: HttpStatus.INTERNAL_SERVER_ERROR, message: INTERNAL }, internal: true };
}
