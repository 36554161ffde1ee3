import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfigNamespace } from '../config/app.config.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Lets a request through only with `Authorization: Bearer <ADMIN_TOKEN>`; anything else is 401. The tokens are
 * compared as SHA-256 digests with timingSafeEqual, so the time taken says nothing of the token, its length included.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(settings: ConfigService<AppConfigNamespace, true>) {
    // AdminModule exists only when ADMIN_TOKEN is set.
    this.expected = digest(settings.get('app', { infer: true }).adminToken!);
  }

  canActivate(context: ExecutionContext): boolean {
    const header: unknown = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization;
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    if (token !== undefined && timingSafeEqual(digest(token), this.expected)) return true;
    throw new UnauthorizedException('Send Authorization: Bearer <ADMIN_TOKEN>.');
  }
}
