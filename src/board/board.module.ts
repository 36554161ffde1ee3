import { Module } from '@nestjs/common';
import { BoardAccess } from './board-access.js';
import { BoardAccessGuard } from './board-access.guard.js';
import { BoardAssets } from './board-assets.js';
import { BoardEventsController } from './board-events.controller.js';
import { BoardPageController } from './board-page.controller.js';
import { BoardStatusReader } from './board-status.reader.js';
import { BoardFeed } from './board.feed.js';

/** The live call board: its page at `GET /` and its update stream at `GET /board/events`. */
@Module({
  controllers: [BoardPageController, BoardEventsController],
  providers: [BoardAccess, BoardAccessGuard, BoardAssets, BoardFeed, BoardStatusReader],
})
export class BoardModule {}
