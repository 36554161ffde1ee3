import { Inject, Injectable } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import { CINNOX_RESOLVED_OPTIONS, CINNOX_WEBHOOK_ROUTES } from '../cinnox.constants.js';
import { webhookForbidden, webhookUnauthorized } from '../cinnox.messages.js';
import type { CinnoxHookDefinition } from '../domain/cinnox-hook-definition.interface.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import type { CinnoxWebhookRoute } from '../domain/cinnox-webhook-route.interface.js';
import { findContentProblem } from './find-content-problem.js';
import { digest, hasValidToken } from './has-valid-token.js';
import { isAllowed, toAllowList, type CinnoxAllowList } from '../net/to-allow-list.js';
import { servedWebhookPath } from '../net/served-webhook-path.js';
import { toWebhookOutcome } from './to-webhook-outcome.js';
import { WebhookRejection } from './webhook-rejection.js';

/** What every adapter checks before reading a webhook body: source, token, content type and encoding. */
@Injectable()
export class CinnoxWebhookGate {
  readonly bodyLimit: number;
  readonly bodyTimeoutMs: number;
  private readonly secretDigests: readonly Buffer[];
  private readonly allowed?: CinnoxAllowList;
  private byPath?: Map<string, CinnoxHookDefinition>;
  private byLowerPath?: Map<string, CinnoxHookDefinition>;

  constructor(
    private readonly appConfig: ApplicationConfig,
    @Inject(CINNOX_WEBHOOK_ROUTES) private readonly routes: readonly CinnoxWebhookRoute[],
    @Inject(CINNOX_RESOLVED_OPTIONS) { webhook }: CinnoxResolvedOptions,
    private readonly metrics: CinnoxMetrics,
  ) {
    this.secretDigests = webhook.secrets.map(digest);
    this.allowed = webhook.allowedSources && toAllowList(webhook.allowedSources);
    this.bodyLimit = webhook.bodyLimitBytes;
    this.bodyTimeoutMs = webhook.bodyTimeoutMs;
  }

  /**
   * The hook whose route a request for `path` (no query string) may be routed to, as the router matches:
   * any letter case when it ignores case, trailing slashes when it is not strict (Express's defaults both).
   * The guard refuses what it matched less; matching more would take a host route's request for the webhook.
   */
  match(
    path: string,
    { ignoreCase = false, strict = false }: { ignoreCase?: boolean; strict?: boolean } = {},
  ): CinnoxHookDefinition | undefined {
    const bare = strict || path.length <= 1 ? path : path.replace(/\/+$/, '');
    return ignoreCase ? this.paths().lower.get(bare.toLowerCase()) : this.paths().exact.get(bare);
  }

  /**
   * The hook served by a route registered at exactly `url` (a route as the router records it, not a request's
   * path): the library's own webhook routes, never a host route that only looks alike (a trailing slash, another case).
   */
  route(url: string): CinnoxHookDefinition | undefined {
    return this.paths().exact.get(url);
  }

  /** The cheapest and most telling checks, so nothing of a stranger's body is read. */
  admit(ip: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): WebhookRejection | undefined {
    if (this.allowed && !isAllowed(this.allowed, ip)) return new WebhookRejection(403, webhookForbidden());
    if (this.secretDigests.length > 0 && !hasValidToken(url, this.secretDigests)) return new WebhookRejection(401, webhookUnauthorized());
    const problem = findContentProblem(headers['content-type'], headers['content-encoding']);
    return problem === undefined ? undefined : WebhookRejection.body(415, problem);
  }

  /** The path the gate guards `hook`'s route at (the path the app serves it at, read from Nest's settings). */
  expectedPath(hook: CinnoxHookDefinition): string | undefined {
    for (const [path, owner] of this.paths().exact) if (owner === hook) return path;
    return undefined;
  }

  /** Counts a rejection and gives the body to answer it with, in CINNOX's shape. */
  answer(rejection: WebhookRejection, hook: CinnoxHookDefinition): { code: number; message: string } {
    this.metrics.webhookRequest(toWebhookOutcome(rejection.status), hook.name);
    return { code: rejection.status, message: rejection.message };
  }

  // Built lazily: the global prefix and its exclusions are set after the module is created.
  private paths(): { exact: Map<string, CinnoxHookDefinition>; lower: Map<string, CinnoxHookDefinition> } {
    if (!this.byPath || !this.byLowerPath) {
      const full = this.routes.map((route) => [servedWebhookPath(route.path, this.appConfig), route.hook] as const);
      this.byPath = new Map(full);
      this.byLowerPath = new Map(full.map(([path, hook]) => [path.toLowerCase(), hook]));
    }
    return { exact: this.byPath, lower: this.byLowerPath };
  }
}
