import { Inject, Injectable } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import type { BlockList } from 'node:net';
import { CINNOX_RESOLVED_OPTIONS, CINNOX_WEBHOOK_PATH } from '../cinnox.constants.js';
import { webhookForbidden, webhookUnauthorized } from '../cinnox.messages.js';
import type { CinnoxResolvedOptions } from '../interfaces/cinnox-options.interface.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import { findContentProblem } from './find-content-problem.js';
import { digest, hasValidToken } from './has-valid-token.js';
import { isAllowed, toBlockList } from './to-block-list.js';
import { toWebhookOutcome } from './to-webhook-outcome.js';
import { WebhookRejection } from './webhook-rejection.js';

/** What every adapter checks before reading a webhook body: source, token, content type and encoding. */
@Injectable()
export class CinnoxWebhookGate {
  readonly bodyLimit: number;
  readonly bodyTimeoutMs: number;
  private readonly secretDigests: readonly Buffer[];
  private readonly allowed?: BlockList;
  private route?: string;

  constructor(
    private readonly appConfig: ApplicationConfig,
    @Inject(CINNOX_WEBHOOK_PATH) private readonly webhookPath: string,
    @Inject(CINNOX_RESOLVED_OPTIONS) { webhook }: CinnoxResolvedOptions,
    private readonly metrics: CinnoxMetrics,
  ) {
    this.secretDigests = webhook.secrets.map(digest);
    this.allowed = webhook.allowedSources && toBlockList(webhook.allowedSources);
    this.bodyLimit = webhook.bodyLimitBytes;
    this.bodyTimeoutMs = webhook.bodyTimeoutMs;
  }

  /** The route's full path. Read lazily: the global prefix is set after the module is created. */
  get path(): string {
    return (this.route ??= `/${[this.appConfig.getGlobalPrefix(), this.webhookPath].map(trimSlashes).filter(Boolean).join('/')}`);
  }

  /**
   * True when `path` (no query string) may be routed to the webhook: any trailing slashes, and any letter
   * case when the router ignores case (Express does by default). Matching more than the router does is
   * safe, the guard refuses what it matched less.
   */
  matches(path: string, ignoreCase = false): boolean {
    const bare = path.length > 1 ? path.replace(/\/+$/, '') : path;
    return ignoreCase ? bare.length === this.path.length && bare.toLowerCase() === this.path.toLowerCase() : bare === this.path;
  }

  /** The cheapest and most telling checks, so nothing of a stranger's body is read. */
  admit(ip: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): WebhookRejection | undefined {
    if (this.allowed && !isAllowed(this.allowed, ip)) return new WebhookRejection(403, webhookForbidden());
    if (this.secretDigests.length > 0 && !hasValidToken(url, this.secretDigests)) return new WebhookRejection(401, webhookUnauthorized());
    const problem = findContentProblem(headers['content-type'], headers['content-encoding']);
    return problem === undefined ? undefined : WebhookRejection.body(415, problem);
  }

  /** Counts a rejection and gives the body to answer it with, in CINNOX's shape. */
  answer(rejection: WebhookRejection): { code: number; message: string } {
    this.metrics.webhookRequest(toWebhookOutcome(rejection.status));
    return { code: rejection.status, message: rejection.message };
  }
}

const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');
