import { HttpException, HttpStatus } from '@nestjs/common';
import type { CinnoxErrorBody } from './cinnox-error-body.interface.js';
import { webhookInternalError } from '../cinnox.messages.js';

/** Maps what the webhook's handler threw to a status and CINNOX's `{ code, message }`. */
export function toCinnoxError(exception: unknown): { status: number; body: CinnoxErrorBody; internal: boolean } {
  if (!(exception instanceof HttpException)) {
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    return { status, body: { code: status, message: webhookInternalError() }, internal: true };
  }
  const status = exception.getStatus();
  const response = exception.getResponse();
  const detail = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const message = Array.isArray(detail) ? detail.join('; ') : typeof detail === 'string' ? detail : exception.message;
  return { status, body: { code: status, message }, internal: status >= 500 };
}
