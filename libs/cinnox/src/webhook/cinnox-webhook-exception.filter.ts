import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/** Answers every error on the webhook route in CINNOX's `{ code, message }` shape. */
@Catch()
export class CinnoxWebhookExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('CinnoxWebhook');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    let message = 'Internal error while handling the CINNOX webhook';
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const detail = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      message = Array.isArray(detail) ? detail.join('; ') : String(detail ?? exception.message);
    } else {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    this.adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), { code: status, message }, status);
  }
}
