import { Controller, Sse, UseGuards, type MessageEvent } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { BoardAccessGuard } from './board-access.guard.js';
import { BoardFeed } from './board.feed.js';

/**
 * Characters of events that may wait for one page that stopped reading, once its socket's buffers are full;
 * past this, Nest drops its connection (the page's EventSource reconnects and catches up from GET /calls).
 */
export const BOARD_CLIENT_BUFFER_CHARS = 256 * 1024;

@ApiTags('board')
@Controller('board')
@UseGuards(BoardAccessGuard)
export class BoardEventsController {
  constructor(private readonly feed: BoardFeed) {}

  @Sse('events', { maxPendingDataLength: BOARD_CLIENT_BUFFER_CHARS })
  @ApiOkResponse({
    description: 'Server-Sent Events: `status`, `call` and `hook-event`, each with a JSON payload (see the README, "The call board").',
    content: { 'text/event-stream': {} },
  })
  @ApiUnauthorizedResponse({ description: 'Against a real CINNOX: no or a wrong Bearer token or board cookie.' })
  events(): Observable<MessageEvent> {
    return this.feed.stream();
  }
}
