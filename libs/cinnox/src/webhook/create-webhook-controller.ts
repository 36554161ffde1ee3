import { Body, Controller, HttpCode, HttpStatus, Post, UseFilters, UseGuards, VERSION_NEUTRAL, type Type } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import type { CinnoxWebhookAnswer } from '../domain/cinnox-webhook-answer.interface.js';
import { CinnoxWebhookExceptionFilter } from './cinnox-webhook-exception.filter.js';
import type { CinnoxWebhookRoute } from '../domain/cinnox-webhook-route.interface.js';
import { CinnoxWebhookValidationPipe } from './cinnox-webhook-validation.pipe.js';
import { CinnoxWebhookGuard } from './cinnox-webhook.guard.js';
import { CinnoxWebhookService } from '../core/cinnox-webhook.service.js';
import { servedWebhookPath } from '../net/served-webhook-path.js';

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

    // The path served, for the delivery's span: read at the first request, once the host set its global prefix.
    private served?: string;

    constructor(
      readonly webhook: CinnoxWebhookService,
      private readonly appConfig: ApplicationConfig,
    ) {}

    @Post()
    @HttpCode(HttpStatus.OK)
    receive(@Body(new CinnoxWebhookValidationPipe(hook)) body: object): CinnoxWebhookAnswer | Promise<CinnoxWebhookAnswer> {
      return this.webhook.handle(hook, body, new Date(), (this.served ??= servedWebhookPath(path, this.appConfig)));
    }
  }
  // Nest names controllers in logs and errors by class name.
  const name = `Cinnox${hook.name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase())}WebhookController`;
  Object.defineProperty(CinnoxWebhookController, 'name', { value: name });
  return CinnoxWebhookController;
}
