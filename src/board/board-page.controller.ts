import { Controller, Get, Header, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { BoardAccess, type BoardRequest } from './board-access.js';
import { BOARD_REFUSED } from './board-access.guard.js';
import { BoardAssets } from './board-assets.js';

// Everything the page loads comes from this app: no inline script or style, no other origin.
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  // The token of `?token=` must not travel on to another site.
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

type PageRequest = BoardRequest & { socket?: { encrypted?: boolean }; raw?: { socket?: { encrypted?: boolean } } };

/** The call board's page (`GET /`) and the two files it loads. */
@ApiExcludeController()
@Controller()
export class BoardPageController {
  constructor(
    private readonly access: BoardAccess,
    private readonly assets: BoardAssets,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * The page. Behind ADMIN_TOKEN, a right `?token=` sets the board's cookie and sends the browser back to
   * the page without it (303), so the token stays out of the address bar and the history.
   */
  @Get()
  page(@Req() request: PageRequest, @Res() response: unknown, @Query('token') token?: string): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!this.access.open && token !== undefined) {
      if (!this.access.matches(token)) throw new UnauthorizedException(BOARD_REFUSED);
      adapter.setHeader(response, 'Set-Cookie', this.access.cookie(isHttps(request)));
      adapter.setHeader(response, 'Cache-Control', 'no-store');
      adapter.setHeader(response, 'Referrer-Policy', 'no-referrer');
      adapter.redirect(response, 303, './');
      return;
    }
    if (!this.access.allows(request)) throw new UnauthorizedException(BOARD_REFUSED);
    for (const [name, value] of Object.entries(PAGE_HEADERS)) adapter.setHeader(response, name, value);
    adapter.reply(response, this.assets.page, 200);
  }

  @Get('board/board.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  style(): string {
    return this.assets.style;
  }

  @Get('board/board.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  script(): string {
    return this.assets.script;
  }
}

// Behind a proxy that ends TLS, its X-Forwarded-Proto says so; a client that lies only loses its own cookie.
function isHttps(request: PageRequest): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  return (request.raw?.socket ?? request.socket)?.encrypted === true || forwarded === 'https';
}
