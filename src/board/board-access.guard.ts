import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { BoardAccess, type BoardRequest } from './board-access.js';

/** What a refused board request is told. */
export const BOARD_REFUSED =
  'The call board needs ADMIN_TOKEN: open it once as /?token=<ADMIN_TOKEN> (a cookie keeps you in), or send Authorization: Bearer <ADMIN_TOKEN>.';

/** Lets a board request through only when BoardAccess allows it; anything else is 401. */
@Injectable()
export class BoardAccessGuard implements CanActivate {
  constructor(private readonly access: BoardAccess) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.access.allows(context.switchToHttp().getRequest<BoardRequest>())) return true;
    throw new UnauthorizedException(BOARD_REFUSED);
  }
}
