import { CinnoxEvent, type CinnoxEventName } from '../domain/cinnox-event.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import { callEndNotification, callStartNotification } from '../hooks/call/call.fixtures.js';
import { externalContactNotification, staffContactNotification } from '../hooks/contact/contact.fixtures.js';
import { inquiryNotification } from '../hooks/inquiry/inquiry.fixtures.js';
import { labelNotification } from '../hooks/label/label.fixtures.js';
import { conferenceNotification } from '../hooks/conference/conference.fixtures.js';
import { recordingNotification } from '../hooks/recording/recording.fixtures.js';
import { inboundSmsNotification } from '../hooks/inbound-sms/inbound-sms.fixtures.js';
import { outboundSmsNotification } from '../hooks/outbound-sms/outbound-sms.fixtures.js';

/**
 * One payload a hook may receive, with the one event the library emits for it.
 * @publicApi
 */
export interface CinnoxPayloadShape {
  /** The hook (route) to deliver it to. */
  readonly hook: CinnoxHookName;
  /** What the shape is, for test names: `documented`, `message envelope`, `unknown status`, ... */
  readonly shape: string;
  /** A fresh body (new ids on every call of `cinnoxPayloadShapes()`). */
  readonly body: Record<string, unknown>;
  /** The event it is emitted as. */
  readonly event: CinnoxEventName;
}

/**
 * Every documented payload shape of every hook, the other envelope where the pages disagree, and an
 * unknown status per hook: for end-to-end tests and demos that walk all hooks. Fresh ids on each call.
 * @publicApi
 */
export function cinnoxPayloadShapes(): CinnoxPayloadShape[] {
  const shape = (hook: CinnoxHookName, name: string, body: Record<string, unknown>, event: CinnoxEventName): CinnoxPayloadShape => ({
    hook,
    shape: name,
    body,
    event,
  });
  return [
    shape('call', 'documented CallStart', callStartNotification(), CinnoxEvent.CallStart),
    shape('call', 'documented CallEnd', callEndNotification(`call-${Date.now()}`), CinnoxEvent.CallEnd),
    shape('recording', 'documented call recording', recordingNotification(), CinnoxEvent.RecordingSuccess),
    shape(
      'recording',
      'documented conference recording, failed',
      recordingNotification({ recordingOf: 'conference', status: 'fail' }),
      CinnoxEvent.RecordingFail,
    ),
    shape('recording', 'unknown status', recordingNotification({ status: 'partial' }), CinnoxEvent.RecordingOther),
    shape('inquiry', 'documented (flat)', inquiryNotification(), CinnoxEvent.InquiryOpened),
    shape('inquiry', 'message envelope', inquiryNotification({ envelope: 'message', status: 'Handling' }), CinnoxEvent.InquiryHandling),
    shape('inquiry', 'flat with a challenge', inquiryNotification({ status: 'Closed', challenge: 'internal' }), CinnoxEvent.InquiryClosed),
    shape('inquiry', 'unknown status', inquiryNotification({ status: 'Ongoing' }), CinnoxEvent.InquiryOther),
    shape('inbound-sms', 'documented (flat)', inboundSmsNotification(), CinnoxEvent.InboundSmsReceived),
    shape(
      'inbound-sms',
      'message envelope, string numbers',
      inboundSmsNotification({ envelope: 'message', senderNumber: '+85291234567' }),
      CinnoxEvent.InboundSmsReceived,
    ),
    shape('outbound-sms', 'documented (flat)', outboundSmsNotification({ status: 'Delivered' }), CinnoxEvent.OutboundSmsDelivered),
    shape(
      'outbound-sms',
      'message envelope',
      outboundSmsNotification({ envelope: 'message', status: 'Rejected' }),
      CinnoxEvent.OutboundSmsRejected,
    ),
    shape('outbound-sms', 'unknown status', outboundSmsNotification({ status: 'Timeout' }), CinnoxEvent.OutboundSmsOther),
    shape('staff-contact', 'documented', staffContactNotification({ status: 'staffEdit' }), CinnoxEvent.StaffContactEdit),
    shape('staff-contact', 'unknown status', staffContactNotification({ status: 'staffTransfer' }), CinnoxEvent.StaffContactOther),
    shape('external-contact', 'documented', externalContactNotification({ status: 'delete' }), CinnoxEvent.ExternalContactDelete),
    shape(
      'external-contact',
      'unknown status (a merge)',
      externalContactNotification({ status: 'merge' }),
      CinnoxEvent.ExternalContactOther,
    ),
    shape('label', 'guessed', labelNotification(), CinnoxEvent.Label),
    shape('label', 'any object', labelNotification({ anything: [1, { nested: true }] }), CinnoxEvent.Label),
    shape('inquiry-label', 'guessed', labelNotification(), CinnoxEvent.InquiryLabel),
    shape('conference', 'documented', conferenceNotification(), CinnoxEvent.ConferenceEnded),
    shape('conference', 'unknown status', conferenceNotification({ status: 'conference_start' }), CinnoxEvent.ConferenceOther),
  ];
}
