import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { webhookNotAdmitted } from '../cinnox.messages.js';
import { wasAdmitted } from './webhook-admission.js';

/**
 * The handler's own lock: a request reaches it only with the gate's mark. The gate matches the route's
 * path the way each router does; should a router ever route a spelling the gate did not match (a new
 * option, a new adapter), the request fails closed here instead of skipping the token check.
 */
@Injectable()
export class CinnoxWebhookGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (wasAdmitted(context.switchToHttp().getRequest())) return true;
    throw new UnauthorizedException(webhookNotAdmitted());
  }
}
