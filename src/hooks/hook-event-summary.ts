import {
  CinnoxEvent,
  ConferenceEndedEvent,
  ConferenceOtherEvent,
  ContactEvent,
  InboundSmsEvent,
  InquiryEvent,
  OutboundSmsEvent,
  RecordingEvent,
  type CinnoxEventName,
} from 'nestjs-cinnox';

/**
 * Every hook's events but the call hook's (the call tracker follows calls) and the library's own `cinnox.*`
 * events (subscription changes, coverage gaps), which come from no hook and are logged by the library.
 */
export const OTHER_HOOK_EVENTS: ReadonlySet<string> = new Set(
  Object.values(CinnoxEvent).filter((name: CinnoxEventName) => !name.startsWith('call.') && !name.startsWith('cinnox.')),
);

/** One line saying what arrived, about what: the sample's log and its call board say it alike. */
export function summarizeHookEvent(event: unknown): string {
  if (event instanceof RecordingEvent) return `${event.recordingOf ?? 'recording'} ${event.id} (status ${event.status})`;
  if (event instanceof InquiryEvent) return `enquiry ${event.inquiryId} on ${event.channel ?? 'an unknown channel'}`;
  if (event instanceof InboundSmsEvent) return `SMS ${event.smsId} from ${event.senderNumber ?? 'unknown'}`;
  if (event instanceof OutboundSmsEvent) return `SMS ${event.smsId} to ${event.recipientNumber ?? 'unknown'} (status ${event.status})`;
  if (event instanceof ContactEvent) return `contact ${event.contactId} ${event.fullName ?? ''} (status ${event.status})`.trimEnd();
  if (event instanceof ConferenceEndedEvent) return `conference ${event.conferenceId} ended`;
  if (event instanceof ConferenceOtherEvent) return `conference ${event.conferenceId} (status ${event.status})`;
  return `event ${(event as { eventId?: string }).eventId ?? 'without id'}`;
}
