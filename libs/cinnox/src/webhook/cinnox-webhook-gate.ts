import { Inject, Injectable } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import type { BlockList } from 'node:net';
import { CINNOX_RESOLVED_OPTIONS, CINNOX_WEBHOOK_PATH } from '../cinnox.constants.js';
import { webhookForbidden, webhookUnauthorized } from '../cinnox.messages.js';
import type { CinnoxResolvedOptions } from '../interfaces/cinnox-options.interface.js';
import { CinnoxMetrics, type CinnoxWebhookOutcome } from '../metrics/cinnox-metrics.service.js';
import { digest, hasValidToken } from './has-valid-token.js';
import { isJsonContentType } from './is-json-content-type.js';
import { isAllowed, toBlockList } from './to-block-list.js';
import { WebhookRejection } from './webhook-rejection.js';

const OUTCOMES: Record<number, CinnoxWebhookOutcome> = {
  401: 'unauthorized',
  403: 'forbidden',
  413: 'too_large',
  415: 'unsupported_media_type',
};

/** What every adapter checks before reading a webhook body: source, token, content type. */
@Injectable()
export class CinnoxWebhookGate {
  readonly bodyLimit: number;
  private readonly secretDigest?: Buffer;
  private readonly allowed?: BlockList;
  private route?: string;

  constructor(
    private readonly appConfig: ApplicationConfig,
    @Inject(CINNOX_WEBHOOK_PATH) private readonly webhookPath: string,
    @Inject(CINNOX_RESOLVED_OPTIONS) { webhook }: CinnoxResolvedOptions,
    private readonly metrics: CinnoxMetrics,
  ) {
    this.secretDigest = webhook.secret === undefined ? undefined : digest(webhook.secret);
    this.allowed = webhook.allowedSources && toBlockList(webhook.allowedSources);
    this.bodyLimit = webhook.bodyLimitBytes;
  }

  /** The route's full path. Read lazily: the global prefix is set after the module is created. */
  get path(): string {
    return (this.route ??= `/${[this.appConfig.getGlobalPrefix(), this.webhookPath].map(trimSlashes).filter(Boolean).join('/')}`);
  }

  /** True when `path` (no query string, any trailing slash) is the webhook route. */
  matches(path: string): boolean {
    return path === this.path || (path.length > 1 && path.endsWith('/') && path.replace(/\/+$/, '') === this.path);
  }

  /** The cheapest and most telling checks, so nothing of a stranger's body is read. */
  admit(ip: string | undefined, url: string | undefined, contentType: string | undefined): WebhookRejection | undefined {
    if (this.allowed && !isAllowed(this.allowed, ip)) return new WebhookRejection(403, webhookForbidden());
    if (this.secretDigest && !hasValidToken(url, this.secretDigest)) return new WebhookRejection(401, webhookUnauthorized());
    if (!isJsonContentType(contentType)) {
      return WebhookRejection.body(415, `Content-Type must be application/json, got "${contentType ?? 'none'}"`);
    }
    return undefined;
  }

  /** Counts a rejection and gives the body to answer it with, in CINNOX's shape. */
  answer(rejection: WebhookRejection): { code: number; message: string } {
    this.metrics.webhookRequest(OUTCOMES[rejection.status] ?? 'invalid');
    return { code: rejection.status, message: rejection.message };
  }
}

const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');
