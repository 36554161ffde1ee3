import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  CinnoxEvent,
  ContactEvent,
  InboundSmsEvent,
  InquiryEvent,
  OutboundSmsEvent,
  RecordingEvent,
  type CinnoxEventName,
} from 'nestjs-cinnox';

// Every hook's events but the call hook's (CallsListener logs calls) and the lifecycle's own.
const HOOK_EVENTS: ReadonlySet<string> = new Set(
  Object.values(CinnoxEvent).filter((name: CinnoxEventName) => !name.startsWith('call.') && name !== CinnoxEvent.SubscriptionChanged),
);

/** Logs one line per event of the hooks other than calls: what arrived, about what. */
@Injectable()
export class HookEventsListener implements OnModuleInit {
  private readonly logger = new Logger('HookEvents');

  constructor(private readonly emitter: EventEmitter2) {}

  onModuleInit(): void {
    // One listener for every hook event rather than thirty decorated methods that would all log alike.
    this.emitter.onAny((name: string | string[], payload: unknown) => {
      if (typeof name === 'string' && HOOK_EVENTS.has(name)) this.logger.log(`${name}: ${describe(payload)}`);
    });
  }
}

function describe(event: unknown): string {
  if (event instanceof RecordingEvent) return `${event.recordingOf ?? 'recording'} ${event.id} (status ${event.status})`;
  if (event instanceof InquiryEvent) return `enquiry ${event.inquiryId} on ${event.channel ?? 'an unknown channel'}`;
  if (event instanceof InboundSmsEvent) return `SMS ${event.smsId} from ${event.senderNumber ?? 'unknown'}`;
  if (event instanceof OutboundSmsEvent) return `SMS ${event.smsId} to ${event.recipientNumber ?? 'unknown'} (status ${event.status})`;
  if (event instanceof ContactEvent) return `contact ${event.contactId} ${event.fullName ?? ''} (status ${event.status})`.trimEnd();
  return `event ${(event as { eventId?: string }).eventId ?? 'without id'}`;
}
