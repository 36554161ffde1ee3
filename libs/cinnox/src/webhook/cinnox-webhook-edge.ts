import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AbstractHttpAdapter, ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Subscription } from 'rxjs';
import type { BlockList } from 'node:net';
import { CINNOX_RESOLVED_OPTIONS, CINNOX_WEBHOOK_PATH } from '../cinnox.constants.js';
import { webhookForbidden, webhookUnauthorized } from '../cinnox.messages.js';
import type { CinnoxResolvedOptions } from '../interfaces/cinnox-options.interface.js';
import { CinnoxMetrics, type CinnoxWebhookOutcome } from '../metrics/cinnox-metrics.service.js';
import { digest, hasValidToken } from './has-valid-token.js';
import { isJsonContentType } from './is-json-content-type.js';
import { readJsonBody, WebhookBodyError } from './read-json-body.js';
import { isAllowed, toBlockList } from './to-block-list.js';

type Next = (error?: unknown) => void;
type EdgeRequest = IncomingMessage & { body?: unknown; _body?: boolean; path?: string; ip?: string };

/**
 * The webhook route reads its own body: the host's global body parser runs before every route, so its
 * errors (malformed JSON, too large) would otherwise skip the controller and answer in Nest's shape.
 * The middleware is installed when the HTTP adapter is set, which is before Nest adds its parsers;
 * it marks the request parsed, so the global parser leaves it alone. Other routes pass through.
 */
@Injectable()
export class CinnoxWebhookEdge implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CinnoxWebhook');
  private readonly subscription: Subscription;
  private readonly secretDigest?: Buffer;
  private readonly allowed?: BlockList;
  private readonly bodyLimit: number;
  private route?: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
    @Inject(CINNOX_WEBHOOK_PATH) private readonly webhookPath: string,
    @Inject(CINNOX_RESOLVED_OPTIONS) { webhook }: CinnoxResolvedOptions,
    private readonly metrics: CinnoxMetrics,
  ) {
    this.secretDigest = webhook.secret === undefined ? undefined : digest(webhook.secret);
    this.allowed = webhook.allowedSources && toBlockList(webhook.allowedSources);
    this.bodyLimit = webhook.bodyLimitBytes;
    this.subscription = adapterHost.init$.subscribe(() => this.install(adapterHost.httpAdapter));
  }

  onModuleInit(): void {
    // The global prefix is final by now (it is set between create() and init()).
    this.route = `/${[this.appConfig.getGlobalPrefix(), this.webhookPath].map(trimSlashes).filter(Boolean).join('/')}`;
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  private install(adapter: AbstractHttpAdapter | undefined): void {
    if (adapter?.getType() !== 'express') {
      this.logger.warn(`Webhook body handling is tuned for Express; on "${adapter?.getType()}" the host's parser is used.`);
      return;
    }
    adapter.use((req: EdgeRequest, res: ServerResponse, next: Next) => {
      if (req.method !== 'POST' || this.route === undefined || pathOf(req) !== this.route) return next();
      this.accept(req)
        .then(
          () => next(),
          (error: unknown) => {
            if (!(error instanceof WebhookBodyError)) return next(error);
            this.metrics.webhookRequest(OUTCOMES[error.status] ?? 'invalid');
            if (error.status === 413) res.setHeader('Connection', 'close');
            adapter.reply(res, { code: error.status, message: error.message }, error.status);
          },
        )
        // Nothing above should throw; if it does, it is logged rather than left unhandled.
        .catch((error: unknown) => this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    });
  }

  private async accept(req: EdgeRequest): Promise<void> {
    // Cheapest and most telling checks first; nothing of the body is read for a stranger.
    if (this.allowed && !isAllowed(this.allowed, req.ip ?? req.socket.remoteAddress)) {
      throw new WebhookBodyError(403, webhookForbidden());
    }
    if (this.secretDigest && !hasValidToken(req.url, this.secretDigest)) {
      throw new WebhookBodyError(401, webhookUnauthorized());
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      throw WebhookBodyError.body(415, `Content-Type must be application/json, got "${req.headers['content-type'] ?? 'none'}"`);
    }
    req.body = await readJsonBody(req, this.bodyLimit);
    req._body = true; // body-parser's "already parsed" flag
  }
}

const OUTCOMES: Record<number, CinnoxWebhookOutcome> = {
  401: 'unauthorized',
  403: 'forbidden',
  413: 'too_large',
  415: 'unsupported_media_type',
};

const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');

function pathOf(req: EdgeRequest): string {
  const path = req.path ?? (req.url ?? '/').split('?', 1)[0]!;
  return path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') : path;
}
