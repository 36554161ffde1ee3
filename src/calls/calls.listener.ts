import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  OnCallCompleted,
  OnCallStale,
  OnCallStart,
  type CallCompletedEvent,
  type CallStaleEvent,
  type CallStartEvent,
  type CinnoxCallParty,
} from 'nestjs-cinnox';
import type { AppConfigNamespace } from '../config/app.config.js';

/**
 * Logs each call's life as the library's call tracker sees it. With SAMPLE_FAIL_CALL_PREFIX set, its call-start
 * listener throws for the calls whose id starts with it, so the delivery log shows a failure to replay once
 * the sample restarts without it (the "fix").
 */
@Injectable()
export class CallsListener {
  private readonly logger = new Logger('Calls');
  private readonly failPrefix: string | undefined;

  constructor(settings: ConfigService<AppConfigNamespace, true>) {
    this.failPrefix = settings.get('app', { infer: true }).failCallPrefix;
  }

  @OnCallStart()
  onStart(event: CallStartEvent): void {
    if (this.failPrefix !== undefined && event.callId.startsWith(this.failPrefix)) {
      throw new Error(`SAMPLE_FAIL_CALL_PREFIX: the call-start listener fails for call ${event.callId}, as asked`);
    }
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
