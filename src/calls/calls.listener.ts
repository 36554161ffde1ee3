import { Injectable, Logger } from '@nestjs/common';
import { OnCallEnd, OnCallStart, type CallEndEvent, type CallStartEvent, type CinnoxCallParty } from 'nestjs-cinnox';
import { CallRegistry } from './call-registry.service.js';

@Injectable()
export class CallsListener {
  private readonly logger = new Logger('Calls');

  constructor(private readonly registry: CallRegistry) {}

  @OnCallStart()
  onStart(event: CallStartEvent): void {
    this.registry.start(event);
    this.logger.log(`call ${event.callId} started: ${describe(event.caller)} -> ${event.callees.map(describe).join(', ') || 'nobody'}`);
  }

  @OnCallEnd()
  onEnd(event: CallEndEvent): void {
    this.registry.end(event);
    this.logger.log(`call ${event.callId} ended`);
  }
}

function describe(party: CinnoxCallParty | null): string {
  if (!party) return 'unknown';
  return [party.number, party.eid && `(${party.eid})`].filter(Boolean).join(' ') || 'unknown';
}
