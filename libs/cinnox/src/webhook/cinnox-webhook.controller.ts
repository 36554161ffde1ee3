import { Body, Controller, HttpCode, HttpStatus, Post, UseFilters, UseGuards } from '@nestjs/common';
import type { CinnoxWebhookAnswer } from './cinnox-webhook-answer.interface.js';
import { CinnoxWebhookExceptionFilter } from './cinnox-webhook-exception.filter.js';
import { CinnoxWebhookGuard } from './cinnox-webhook.guard.js';
import { CinnoxWebhookValidationPipe } from './cinnox-webhook-validation.pipe.js';
import { CinnoxWebhookService } from './cinnox-webhook.service.js';
import { CinnoxWebhookDto } from './dto/cinnox-webhook.dto.js';

/** CINNOX's POSTs: the verification handshake and call notifications. Mounted at `webhookPath`. */
@Controller()
@UseFilters(CinnoxWebhookExceptionFilter)
@UseGuards(CinnoxWebhookGuard)
export class CinnoxWebhookController {
  constructor(private readonly webhook: CinnoxWebhookService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  receive(@Body(CinnoxWebhookValidationPipe) body: CinnoxWebhookDto): CinnoxWebhookAnswer | Promise<CinnoxWebhookAnswer> {
    return this.webhook.handle(body);
  }
}
