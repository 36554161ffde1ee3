import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { OTHER_HOOK_EVENTS, summarizeHookEvent } from './hook-event-summary.js';

/** Logs one line per event of the hooks other than calls: what arrived, about what. */
@Injectable()
export class HookEventsListener implements OnModuleInit {
  private readonly logger = new Logger('HookEvents');

  constructor(private readonly emitter: EventEmitter2) {}

  onModuleInit(): void {
    // One listener for every hook event rather than thirty decorated methods that would all log alike.
    this.emitter.onAny((name: string | string[], payload: unknown) => {
      if (typeof name === 'string' && OTHER_HOOK_EVENTS.has(name)) this.logger.log(`${name}: ${summarizeHookEvent(payload)}`);
    });
  }
}
