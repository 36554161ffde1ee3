import { Injectable, Logger, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { webhookNotAdmitted, webhookPathUnexpected } from '../cinnox.messages.js';
import type { CinnoxHookDefinition } from '../domain/cinnox-hook-definition.interface.js';
import { CinnoxWebhookGate } from './cinnox-webhook.gate.js';
import { admittedHook } from './webhook-admission.js';

// Express and Fastify requests alike: the URL the client asked for and the route the router chose.
interface RoutedRequest {
  method?: string;
  url?: string;
  originalUrl?: string;
  route?: { path?: unknown };
  routeOptions?: { url?: unknown };
}

/** Distinct lines logged at warn per app; a misrouted webhook is one line per spelling, not one per request. */
const MAX_WARNED = 32;

/**
 * The handler's own lock: a request reaches it only with the mark of its own hook's gate. The gate matches
 * each route's path the way each router does; should a router ever route a spelling the gate did not match
 * (a new option, a new adapter), the request fails closed here instead of skipping the token check, and the
 * log says which path the gate watches, since no check of the gate failed.
 */
@Injectable()
export class CinnoxWebhookGuard implements CanActivate {
  private readonly logger = new Logger('CinnoxWebhook');
  private readonly warned = new Set<string>();

  constructor(private readonly gate: CinnoxWebhookGate) {}

  canActivate(context: ExecutionContext): boolean {
    const hook = (context.getClass() as { hook?: CinnoxHookDefinition }).hook;
    const request = context.switchToHttp().getRequest<RoutedRequest>();
    if (hook !== undefined && admittedHook(request) === hook.name) return true;
    if (hook !== undefined) this.report(hook, request);
    throw new UnauthorizedException(webhookNotAdmitted());
  }

  private report(hook: CinnoxHookDefinition, request: RoutedRequest): void {
    // The path only: the query may carry the webhook's token.
    const path = (request.originalUrl ?? request.url ?? '/').split('?', 1)[0]!;
    const route = request.routeOptions?.url ?? request.route?.path;
    const line = webhookPathUnexpected(
      hook.name,
      `${request.method ?? 'POST'} ${path}`,
      typeof route === 'string' ? route : undefined,
      this.gate.expectedPath(hook),
    );
    if (this.warned.has(line) || this.warned.size >= MAX_WARNED) return this.logger.debug(line);
    this.warned.add(line);
    this.logger.warn(line);
  }
}
