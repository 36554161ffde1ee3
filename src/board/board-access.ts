import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AppConfigNamespace } from '../config/app.config.js';

/** The cookie the board's page sets once `?token=` proved the admin token. */
export const BOARD_COOKIE = 'cinnox_board';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The request parts the board's access reads, the same on Express and Fastify. */
export interface BoardRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Who may see the board. With the embedded simulator, anyone: its calls are made up. Against a real CINNOX
 * the board shows phone numbers: `Authorization: Bearer <ADMIN_TOKEN>`, or the cookie set by opening the page
 * once with `?token=<ADMIN_TOKEN>` (AppModule leaves the board out altogether when ADMIN_TOKEN is unset).
 * Tokens are compared as SHA-256 digests with timingSafeEqual, so the time taken says nothing of them.
 */
@Injectable()
export class BoardAccess {
  /** True with the embedded simulator: no token asked. */
  readonly open: boolean;
  private readonly token?: Buffer;
  // Derived from the token, so the cookie never holds the admin token itself (which the admin routes take).
  private readonly cookieValue?: string;

  constructor(settings: ConfigService<AppConfigNamespace, true>) {
    const { cinnox, adminToken } = settings.get('app', { infer: true });
    this.open = cinnox === undefined;
    if (this.open || adminToken === undefined) return;
    this.token = digest(adminToken);
    this.cookieValue = createHmac('sha256', adminToken).update('nestjs-cinnox call board').digest('base64url');
  }

  /** Whether `token` is the admin token. */
  matches(token: string): boolean {
    return this.token !== undefined && timingSafeEqual(digest(token), this.token);
  }

  /** Whether the request may see the board: open, or a Bearer token or the board's cookie. */
  allows(request: BoardRequest): boolean {
    if (this.open) return true;
    const authorization = request.headers.authorization;
    const bearer = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
    if (bearer !== undefined) return this.matches(bearer);
    const cookie = readCookie(request.headers.cookie, BOARD_COOKIE);
    return cookie !== undefined && this.cookieValue !== undefined && timingSafeEqual(digest(cookie), digest(this.cookieValue));
  }

  /** The `Set-Cookie` value that lets this browser in from now on; `secure` over HTTPS. */
  cookie(secure: boolean): string {
    return `${BOARD_COOKIE}=${this.cookieValue}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }
}

function readCookie(header: string | string[] | undefined, name: string): string | undefined {
  for (const pair of (Array.isArray(header) ? header.join(';') : (header ?? '')).split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
