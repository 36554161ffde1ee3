import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { webhookNotAdmitted } from '../cinnox.messages.js';
import type { CinnoxHookDefinition } from '../hooks/cinnox-hook-definition.interface.js';
import { admittedHook } from './webhook-admission.js';

/**
 * The handler's own lock: a request reaches it only with the mark of its own hook's gate. The gate matches
 * each route's path the way each router does; should a router ever route a spelling the gate did not match
 * (a new option, a new adapter), the request fails closed here instead of skipping the token check.
 */
@Injectable()
export class CinnoxWebhookGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const hook = (context.getClass() as { hook?: CinnoxHookDefinition }).hook;
    if (hook !== undefined && admittedHook(context.switchToHttp().getRequest()) === hook.name) return true;
    throw new UnauthorizedException(webhookNotAdmitted());
  }
}
