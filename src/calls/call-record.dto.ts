import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CinnoxCallParty } from 'nestjs-cinnox';

class CallPartyView implements CinnoxCallParty {
  @ApiPropertyOptional({ description: 'Staff EID; absent for external parties.' })
  eid?: string;

  @ApiPropertyOptional({ description: 'Phone number as a string, leading + kept.', example: '+85298765432' })
  number?: string;
}

/** A call as `GET /calls` shows it. */
export class CallRecord {
  @ApiProperty({ description: "CINNOX's call ID." })
  id!: string;

  @ApiProperty({ description: "CINNOX's service ID." })
  serviceId!: string;

  @ApiProperty({ enum: ['active', 'ended'], description: 'A call.end before its call.start leaves the call ended.' })
  status!: 'active' | 'ended';

  @ApiProperty({ type: CallPartyView, nullable: true })
  caller!: CinnoxCallParty | null;

  @ApiProperty({ type: [CallPartyView] })
  callees!: readonly CinnoxCallParty[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt!: Date | null;
}
