/**
 * Names of the events the library emits through `@nestjs/event-emitter`. Each name starts with its hook's
 * name, so with EventEmitter2's `wildcard` option `recording.*` receives every event of one hook.
 * @publicApi
 */
export const CinnoxEvent = {
  /** A call started; payload `CallStartEvent`. */
  CallStart: 'call.start',
  /** A call ended; payload `CallEndEvent`. */
  CallEnd: 'call.end',
  /** A call notification with a status this version does not know; payload `CallOtherEvent`. */
  CallOther: 'call.other',
  /** A call's end arrived and the call tracker paired it with its start; payload `CallCompletedEvent`. */
  CallCompleted: 'call.completed',
  /** A call started and did not end within `calls.maxCallDurationMs`; payload `CallStaleEvent`. */
  CallStale: 'call.stale',
  /** A completed call was read back from CINNOX's reports (`calls.settle`); payload `CallSettledEvent`. */
  CallSettled: 'call.settled',

  /** A call's or conference's recording file was created; payload `RecordingEvent`. */
  RecordingSuccess: 'recording.success',
  /** A call's or conference's recording failed; payload `RecordingEvent`. */
  RecordingFail: 'recording.fail',
  /** A recording notification with another status; payload `RecordingEvent`. */
  RecordingOther: 'recording.other',

  /** An enquiry was opened; payload `InquiryEvent`. */
  InquiryOpened: 'inquiry.opened',
  /** An enquiry is being handled; payload `InquiryEvent`. */
  InquiryHandling: 'inquiry.handling',
  /** An enquiry was closed; payload `InquiryEvent`. */
  InquiryClosed: 'inquiry.closed',
  /** An enquiry was missed; payload `InquiryEvent`. */
  InquiryMissed: 'inquiry.missed',
  /** An enquiry notification with another status; payload `InquiryEvent`. */
  InquiryOther: 'inquiry.other',

  /** An SMS was received; payload `InboundSmsEvent`. */
  InboundSmsReceived: 'inbound-sms.received',

  /** An SMS sent by the app was submitted; payload `OutboundSmsEvent`. */
  OutboundSmsSubmitted: 'outbound-sms.submitted',
  /** An SMS sent by the app was delivered; payload `OutboundSmsEvent`. */
  OutboundSmsDelivered: 'outbound-sms.delivered',
  /** An SMS sent by the app could not be delivered; payload `OutboundSmsEvent`. */
  OutboundSmsUndelivered: 'outbound-sms.undelivered',
  /** An SMS sent by the app was rejected; payload `OutboundSmsEvent`. */
  OutboundSmsRejected: 'outbound-sms.rejected',
  /** An outbound SMS report with another status; payload `OutboundSmsEvent`. */
  OutboundSmsOther: 'outbound-sms.other',

  /** A staff member was created; payload `ContactEvent`. */
  StaffContactCreate: 'staff-contact.create',
  /** A staff member was edited; payload `ContactEvent`. */
  StaffContactEdit: 'staff-contact.edit',
  /** A staff member was deleted; payload `ContactEvent`. */
  StaffContactDelete: 'staff-contact.delete',
  /** A staff-contact notification with another status; payload `ContactEvent`. */
  StaffContactOther: 'staff-contact.other',

  /** An external contact was created; payload `ContactEvent`. */
  ExternalContactCreate: 'external-contact.create',
  /** An external contact was edited; payload `ContactEvent`. */
  ExternalContactEdit: 'external-contact.edit',
  /** An external contact was deleted; payload `ContactEvent`. */
  ExternalContactDelete: 'external-contact.delete',
  /** An external-contact notification with another status (a merge, say); payload `ContactEvent`. */
  ExternalContactOther: 'external-contact.other',

  /** A label notification, undocumented, as received; payload `LabelEvent`. */
  Label: 'label.received',
  /** An enquiry-label notification, undocumented, as received; payload `LabelEvent`. */
  InquiryLabel: 'inquiry-label.received',

  /** A conference call ended (`message.status` `conference_end`); payload `ConferenceEndedEvent`. */
  ConferenceEnded: 'conference.ended',
  /** A conference notification with a status this version does not know; payload `ConferenceOtherEvent`. */
  ConferenceOther: 'conference.other',
  /** A hook's subscription changed state (subscribing, active, retrying, failed, off); payload `CinnoxSubscriptionChangedEvent`. */
  SubscriptionChanged: 'cinnox.subscription',
  /** A coverage gap closed: a hook could not have received deliveries for a while; payload `CinnoxCoverageGapEvent`. */
  CoverageGap: 'cinnox.coverage.gap',
} as const;

/** @publicApi */
export type CinnoxEventName = (typeof CinnoxEvent)[keyof typeof CinnoxEvent];
