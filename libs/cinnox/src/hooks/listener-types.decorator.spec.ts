import { describe, expect, it } from 'vitest';
import type { CallCompletedEvent } from './call/call-completed.event.js';
import type { CallEndEvent } from './call/call-end.event.js';
import type { CallStartEvent } from './call/call-start.event.js';
import type { InboundSmsEvent } from './inbound-sms/inbound-sms.event.js';
import type { LabelEvent } from './label/label.event.js';
import { OnCallCompleted, OnCallEnd, OnCallOther, OnCallStale, OnCallStart } from './call/on-call.decorator.js';
import { OnLabel } from './label/on-label.decorator.js';
import { OnRecordingSuccess } from './recording/on-recording.decorator.js';
import { OnInboundSms } from './inbound-sms/on-inbound-sms.decorator.js';

// npm run typecheck compiles this file: each @ts-expect-error fails the check if its line compiles.
class Listeners {
  @OnCallStart() start(_event: CallStartEvent): void {}
  @OnCallEnd() end(_event: CallEndEvent): void {}
  @OnCallCompleted() async completed(_event: CallCompletedEvent): Promise<void> {}
  @OnLabel() label(_event: LabelEvent): void {}
  @OnInboundSms() sms(_event: InboundSmsEvent): void {}
  @OnCallOther() noParameter(): void {}

  // @ts-expect-error a number is not a CallStartEvent
  @OnCallStart() wrongStart(_event: number): void {}

  // @ts-expect-error a CallStartEvent listener cannot hang on call.end
  @OnCallEnd() wrongEnd(_event: CallStartEvent): void {}

  // @ts-expect-error a string is not a CallStaleEvent
  @OnCallStale() wrongStale(_event: string): void {}

  // @ts-expect-error an InboundSmsEvent is not a RecordingEvent
  @OnRecordingSuccess() wrongRecording(_event: InboundSmsEvent): void {}
}

describe('listener decorators', () => {
  it('are typed by their event (checked by typecheck; this only loads the class)', () => {
    expect(typeof Listeners).toBe('function');
  });
});
