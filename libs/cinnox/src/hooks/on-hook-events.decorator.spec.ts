import { Injectable } from '@nestjs/common';
import { EVENT_LISTENER_METADATA, EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { CinnoxEvent } from '../domain/cinnox-event.js';
import type { CinnoxListenerDecorator } from '../decorators/cinnox-listener.decorator.js';
import * as conference from './conference/on-conference.decorator.js';
import * as contact from './contact/on-contact.decorator.js';
import * as inquiry from './inquiry/on-inquiry.decorator.js';
import * as label from './label/on-label.decorator.js';
import * as recording from './recording/on-recording.decorator.js';
import * as inboundSms from './inbound-sms/on-inbound-sms.decorator.js';
import * as outboundSms from './outbound-sms/on-outbound-sms.decorator.js';

const sms = { ...inboundSms, ...outboundSms };

// Typed by event (listener-types.decorator.spec.ts checks that); here only the metadata matters.
const DECORATORS: Array<[(options?: object) => CinnoxListenerDecorator<never>, string]> = [
  [recording.OnRecordingSuccess, CinnoxEvent.RecordingSuccess],
  [recording.OnRecordingFail, CinnoxEvent.RecordingFail],
  [recording.OnRecordingOther, CinnoxEvent.RecordingOther],
  [inquiry.OnInquiryOpened, CinnoxEvent.InquiryOpened],
  [inquiry.OnInquiryHandling, CinnoxEvent.InquiryHandling],
  [inquiry.OnInquiryClosed, CinnoxEvent.InquiryClosed],
  [inquiry.OnInquiryMissed, CinnoxEvent.InquiryMissed],
  [inquiry.OnInquiryOther, CinnoxEvent.InquiryOther],
  [sms.OnInboundSms, CinnoxEvent.InboundSmsReceived],
  [sms.OnOutboundSmsSubmitted, CinnoxEvent.OutboundSmsSubmitted],
  [sms.OnOutboundSmsDelivered, CinnoxEvent.OutboundSmsDelivered],
  [sms.OnOutboundSmsUndelivered, CinnoxEvent.OutboundSmsUndelivered],
  [sms.OnOutboundSmsRejected, CinnoxEvent.OutboundSmsRejected],
  [sms.OnOutboundSmsOther, CinnoxEvent.OutboundSmsOther],
  [contact.OnStaffContactCreate, CinnoxEvent.StaffContactCreate],
  [contact.OnStaffContactEdit, CinnoxEvent.StaffContactEdit],
  [contact.OnStaffContactDelete, CinnoxEvent.StaffContactDelete],
  [contact.OnStaffContactOther, CinnoxEvent.StaffContactOther],
  [contact.OnExternalContactCreate, CinnoxEvent.ExternalContactCreate],
  [contact.OnExternalContactEdit, CinnoxEvent.ExternalContactEdit],
  [contact.OnExternalContactDelete, CinnoxEvent.ExternalContactDelete],
  [contact.OnExternalContactOther, CinnoxEvent.ExternalContactOther],
  [label.OnLabel, CinnoxEvent.Label],
  [label.OnInquiryLabel, CinnoxEvent.InquiryLabel],
  [conference.OnConferenceEnded, CinnoxEvent.ConferenceEnded],
  [conference.OnConferenceOther, CinnoxEvent.ConferenceOther],
];

describe('hook listener decorators', () => {
  it('cover every hook event except the call ones (on-call.decorator.ts) and the library own ones (cinnox.*), once each', () => {
    const covered = DECORATORS.map(([, event]) => event).sort();
    const hookEvents = Object.values(CinnoxEvent)
      .filter((event) => !event.startsWith('call.') && !event.startsWith('cinnox.'))
      .sort();
    expect(covered).toEqual(hookEvents);
    expect(Object.keys({ ...recording, ...inquiry, ...sms, ...contact, ...label, ...conference })).toHaveLength(DECORATORS.length);
  });

  it.each(DECORATORS)('%o is @OnEvent(%s) with the options passed through, failures surfaced', (decorator, event) => {
    class Target {
      handle(this: void): void {}
    }
    const descriptor = Object.getOwnPropertyDescriptor(Target.prototype, 'handle')!;
    decorator({ async: true })(Target.prototype, 'handle', descriptor);
    expect(Reflect.getMetadata(EVENT_LISTENER_METADATA, descriptor.value as object)).toEqual([
      { event, options: { async: true, promisify: true, suppressErrors: false } },
    ]);
  });

  it('subscribe a provider method to its event only', async () => {
    @Injectable()
    class Listener {
      readonly seen: string[] = [];
      @recording.OnRecordingFail() fail(): void {
        this.seen.push('fail');
      }
      @sms.OnInboundSms() sms(): void {
        this.seen.push('sms');
      }
    }
    const moduleRef = await Test.createTestingModule({ imports: [EventEmitterModule.forRoot()], providers: [Listener] }).compile();
    await moduleRef.init();
    const emitter = moduleRef.get(EventEmitter2);
    emitter.emit(CinnoxEvent.RecordingSuccess, {});
    emitter.emit(CinnoxEvent.RecordingFail, {});
    emitter.emit(CinnoxEvent.InboundSmsReceived, {});
    expect(moduleRef.get(Listener).seen).toEqual(['fail', 'sms']);
    await moduleRef.close();
  });
});
