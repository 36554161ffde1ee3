import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  CinnoxCallParty,
  CinnoxCallRecord,
  CinnoxCallSource,
  CinnoxCallStatus,
  CinnoxRecordingStatus,
  CinnoxReportedCall,
} from 'nestjs-cinnox';

class ReportedCallView implements CinnoxReportedCall {
  @ApiProperty({ type: String, nullable: true, example: 'Call Ended', description: "CINNOX's call-log status." })
  status!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: "CINNOX's duration, in seconds." })
  durationSec!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'Inbound', description: 'Inbound or Outbound (call detail).' })
  direction!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the call was disconnected.' })
  byeReason!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Caller', description: 'Who hung up.' })
  releaseParty!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'audio' })
  mediaType!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The enquiry the call belongs to.' })
  inquiryId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The enquiry's display number." })
  caseNumber!: string | null;
}

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

  @ApiProperty({
    enum: ['webhook', 'report'],
    description:
      "webhook: completed by CINNOX's webhooks; report: completed by a reconcile pass from CINNOX's call log (POST /admin/reconcile, a closed coverage gap, CINNOX_RECONCILE_INTERVAL_MS).",
  })
  source!: CinnoxCallSource;

  @ApiProperty({
    type: ReportedCallView,
    nullable: true,
    description: "What CINNOX's reports say of the call once settled (CINNOX_SETTLE_DELAY_MS); null before, or when they had none.",
  })
  cinnox!: CinnoxReportedCall | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the call was settled.' })
  settledAt!: Date | null;
}
