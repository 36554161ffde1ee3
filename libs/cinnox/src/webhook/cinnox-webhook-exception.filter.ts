import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import { toCinnoxError } from './to-cinnox-error.js';
import { toWebhookOutcome } from './to-webhook-outcome.js';
import { admittedHook } from './webhook-admission.js';
import { webhookAnswered503 } from '../cinnox.messages.js';

/** Answers every error thrown on the webhook route in CINNOX's `{ code, message }` shape. */
@Catch()
export class CinnoxWebhookExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('CinnoxWebhook');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: CinnoxMetrics,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body, internal } = toCinnoxError(exception);
    // A request refused before its gate admitted it has no hook of its own yet.
    this.metrics.webhookRequest(toWebhookOutcome(status), admittedHook(host.switchToHttp().getRequest()) ?? 'unknown');
    // A 503 is an expected state (a store or queue is down) with a reason worth one line; a 500 is a bug.
    if (status === 503) this.logger.warn(webhookAnswered503(body.message));
    else if (internal) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    this.adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), body, status);
  }
}
