import { Injectable, Logger } from '@nestjs/common';
import {
  OnCallCompleted,
  OnCallStale,
  OnCallStart,
  type CallCompletedEvent,
  type CallStaleEvent,
  type CallStartEvent,
  type CinnoxCallParty,
} from 'nestjs-cinnox';

/** Logs each call's life as the library's call tracker sees it. */
@Injectable()
export class CallsListener {
  private readonly logger = new Logger('Calls');

  @OnCallStart()
  onStart(event: CallStartEvent): void {
    // At LOG_LEVEL=warn the line would be built only to be dropped: a profile showed it on the hot path.
    if (!Logger.isLevelEnabled('log')) return;
    this.logger.log(`call ${event.callId} started: ${describe(event.caller)} -> ${event.callees.map(describe).join(', ') || 'nobody'}`);
  }

  @OnCallCompleted()
  onCompleted(event: CallCompletedEvent): void {
    if (!Logger.isLevelEnabled('log')) return;
    const duration =
      event.durationMs === null ? 'duration unknown (no start before the end)' : `after ${(event.durationMs / 1000).toFixed(1)} s`;
    this.logger.log(`call ${event.callId} ended ${duration}`);
  }

  @OnCallStale()
  onStale(event: CallStaleEvent): void {
    this.logger.warn(`call ${event.callId} started ${event.startedAt.toISOString()} has no end yet: stale`);
  }
}

function describe(party: CinnoxCallParty | null): string {
  if (!party) return 'unknown';
  return [party.number, party.eid && `(${party.eid})`].filter(Boolean).join(' ') || 'unknown';
}
