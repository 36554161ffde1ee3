import { describe, expect, it } from 'vitest';
import type { CallCompletedEvent } from '../events/call-completed.event.js';
import type { CallEndEvent } from '../events/call-end.event.js';
import type { CallStartEvent } from '../events/call-start.event.js';
import type { InboundSmsEvent } from '../events/inbound-sms.event.js';
import type { LabelEvent } from '../events/label.event.js';
import { OnCallCompleted, OnCallEnd, OnCallOther, OnCallStale, OnCallStart } from './on-call.decorator.js';
import { OnLabel } from './on-label.decorator.js';
import { OnRecordingSuccess } from './on-recording.decorator.js';
import { OnInboundSms } from './on-sms.decorator.js';

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
