import { ApiProperty } from '@nestjs/swagger';
import { CINNOX_HOOKS, type CinnoxDeliveryLogEntry, type CinnoxDeliveryOutcome, type CinnoxHookName } from 'nestjs-cinnox';

class ListenerFailureView {
  @ApiProperty({ example: 'call.start' })
  event!: string;

  @ApiProperty({ description: "The listener's position (1-based) among the event's listeners." })
  listener!: number;

  @ApiProperty({ description: "The error's message, secrets redacted." })
  error!: string;
}

/** One logged delivery as `GET /admin/deliveries` shows it: no body, so no personal data leaves through it. */
export class DeliveryView {
  @ApiProperty({ enum: CINNOX_HOOKS })
  hook!: CinnoxHookName;

  @ApiProperty({ type: String, format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ type: [String] })
  eventIds!: readonly string[];

  @ApiProperty({ description: 'A redelivery the dedupe store acknowledged without emitting anything.' })
  duplicate!: boolean;

  @ApiProperty({ enum: ['delivered', 'failed', 'queued', 'dead-lettered'] })
  outcome!: CinnoxDeliveryOutcome;

  @ApiProperty({ type: [ListenerFailureView] })
  failures!: readonly ListenerFailureView[];

  static of(entry: CinnoxDeliveryLogEntry): DeliveryView {
    const { hook, receivedAt, eventIds, duplicate, outcome, failures } = entry;
    return { hook, receivedAt: receivedAt.toISOString(), eventIds, duplicate, outcome, failures };
  }
}
