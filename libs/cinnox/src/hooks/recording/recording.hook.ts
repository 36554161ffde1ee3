import { cinnoxEventId } from '../../domain/cinnox-event-id.js';
import { hookFieldMissing } from '../../cinnox.messages.js';
import { CinnoxEvent, type CinnoxEventName } from '../../domain/cinnox-event.js';
import { RecordingEvent, type CinnoxRecordingOutcome } from './recording.event.js';
import { toText } from '../shared/to-text.js';
import { CinnoxRecordingWebhookDto } from './recording-webhook.dto.js';
import { defineHook } from '../shared/define-hook.js';
import { isHookHandshake } from '../shared/is-hook-handshake.js';

const HOOK = 'recording';

const OUTCOMES: ReadonlyMap<string, { outcome: CinnoxRecordingOutcome; event: CinnoxEventName }> = new Map([
  ['success', { outcome: 'success', event: CinnoxEvent.RecordingSuccess }],
  ['fail', { outcome: 'fail', event: CinnoxEvent.RecordingFail }],
] as const);

/**
 * `recording-event-sub`: a call's or conference's recording succeeded or failed. Documented wrapped in
 * `message` only; `message.id` and `message.status` are required. A redelivery repeats the recorded
 * kind, id and status.
 */
export const RECORDING_HOOK = defineHook<CinnoxRecordingWebhookDto>({
  name: HOOK,
  dto: CinnoxRecordingWebhookDto,
  isHandshake: isHookHandshake([]),
  validateMissingIds(dto) {
    if (!dto.message?.id) return hookFieldMissing(HOOK, 'message.id');
    if (!dto.message.status) return hookFieldMissing(HOOK, 'message.status');
    return undefined;
  },
  dedupeKey: ({ message }) => cinnoxEventId(HOOK, message!.id!, message!.status!, message!.type ?? ''),
  toEvents(dto, receivedAt, eventId) {
    const message = dto.message!;
    const id = message.id!;
    const status = message.status!;
    const recordingOf = toText(message.type);
    const known = OUTCOMES.get(status);
    const payload = new RecordingEvent({
      eventId,
      id,
      recordingOf,
      callId: recordingOf === 'call' ? id : null,
      conferenceId: recordingOf === 'conference' ? id : null,
      status,
      outcome: known?.outcome ?? null,
      serviceId: toText(message.serviceId),
      receivedAt,
      raw: message,
    });
    return [{ name: known?.event ?? CinnoxEvent.RecordingOther, payload }];
  },
});
