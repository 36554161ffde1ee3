import { Body, Controller, HttpCode, HttpStatus, Post, UseFilters, UseGuards, VERSION_NEUTRAL, type Type } from '@nestjs/common';
import type { CinnoxWebhookAnswer } from '../domain/cinnox-webhook-answer.interface.js';
import { CinnoxWebhookExceptionFilter } from './cinnox-webhook-exception.filter.js';
import type { CinnoxWebhookRoute } from '../domain/cinnox-webhook-route.interface.js';
import { CinnoxWebhookValidationPipe } from './cinnox-webhook-validation.pipe.js';
import { CinnoxWebhookGuard } from './cinnox-webhook.guard.js';
import { CinnoxWebhookService } from '../core/cinnox-webhook.service.js';

/**
 * The controller of one hook's webhook: CINNOX's handshake and notifications, at the route's path. One
 * class per hook, because the path and the DTO are class metadata; everything else is shared.
 * Version-neutral: CINNOX calls one URL whatever versioning the host enables (a `defaultVersion` would
 * otherwise move the route under `/v1` or behind a header CINNOX never sends).
 */
export function createWebhookController({ hook, path }: CinnoxWebhookRoute): Type<unknown> {
  @Controller({ path, version: VERSION_NEUTRAL })
  @UseFilters(CinnoxWebhookExceptionFilter)
  @UseGuards(CinnoxWebhookGuard)
  class CinnoxWebhookController {
    /** The hook this controller serves (read by the guard). */
    static readonly hook = hook;

    constructor(readonly webhook: CinnoxWebhookService) {}

    @Post()
    @HttpCode(HttpStatus.OK)
    receive(@Body(new CinnoxWebhookValidationPipe(hook)) body: object): CinnoxWebhookAnswer | Promise<CinnoxWebhookAnswer> {
      return this.webhook.handle(hook, body);
    }
  }
  // Nest names controllers in logs and errors by class name.
  const name = `Cinnox${hook.name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase())}WebhookController`;
  Object.defineProperty(CinnoxWebhookController, 'name', { value: name });
  return CinnoxWebhookController;
}
