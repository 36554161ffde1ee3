import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CinnoxCallParty, CinnoxCallRecord, CinnoxCallStatus, CinnoxRecordingStatus } from 'nestjs-cinnox';

class CallPartyView implements CinnoxCallParty {
  @ApiPropertyOptional({ description: 'Staff EID; absent for external parties.' })
  eid?: string;

  @ApiPropertyOptional({ description: 'Phone number as a string, leading + kept.', example: '+85298765432' })
  number?: string;
}

/** A call as `GET /calls` shows it: the library's call tracker record. */
export class CallRecord implements CinnoxCallRecord {
  @ApiProperty({ description: "CINNOX's call ID." })
  id!: string;

  @ApiProperty({ description: "CINNOX's service ID." })
  serviceId!: string;

  @ApiProperty({
    enum: ['active', 'ended', 'stale'],
    description: 'stale: started longer ago than CINNOX_CALL_MAX_DURATION_MS with no end yet (a late end still ends it).',
  })
  status!: CinnoxCallStatus;

  @ApiProperty({ type: CallPartyView, nullable: true })
  caller!: CinnoxCallParty | null;

  @ApiProperty({ type: [CallPartyView] })
  callees!: readonly CinnoxCallParty[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the start was received.' })
  startedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the end was received.' })
  endedAt!: Date | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'endedAt - startedAt in ms; null when the start came after the end, or never.',
  })
  durationMs!: number | null;

  @ApiProperty({ enum: ['success', 'fail'], nullable: true, description: "The recording's outcome; null while unknown." })
  recordingStatus!: CinnoxRecordingStatus | null;
}
