import { ApiProperty } from '@nestjs/swagger';
import { IsRFC3339 } from 'class-validator';

/** `POST /admin/reconcile`'s body: the window whose calls are completed from CINNOX's call log. */
export class ReconcileRequest {
  @ApiProperty({ format: 'date-time', description: 'Start of the window (RFC 3339).' })
  @IsRFC3339()
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'End of the window (RFC 3339), not before `from`.' })
  @IsRFC3339()
  to!: string;
}
