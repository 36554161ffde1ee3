import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsRFC3339, IsString, Max, Min, MinLength } from 'class-validator';
import { CINNOX_HOOKS, type CinnoxHookName } from 'nestjs-cinnox';

/** Which deliveries `POST /admin/replay` re-dispatches: the window, the hook, failed ones only. */
export class ReplayRequest {
  @ApiPropertyOptional({ format: 'date-time', description: 'Received at or after (RFC 3339).' })
  @IsOptional()
  @IsRFC3339()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Received before (RFC 3339).' })
  @IsOptional()
  @IsRFC3339()
  to?: string;

  @ApiPropertyOptional({ enum: CINNOX_HOOKS })
  @IsOptional()
  @IsIn(CINNOX_HOOKS)
  hook?: CinnoxHookName;

  @ApiPropertyOptional({ type: Boolean, description: 'Only failed (inline) and dead-lettered (queue) deliveries.' })
  @IsOptional()
  @IsIn([true, false])
  failedOnly?: boolean;
}

/** `GET /admin/deliveries`'s query: the replay's filters as strings, and paging. */
export class DeliveryQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Received at or after (RFC 3339).' })
  @IsOptional()
  @IsRFC3339()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Received before (RFC 3339).' })
  @IsOptional()
  @IsRFC3339()
  to?: string;

  @ApiPropertyOptional({ enum: CINNOX_HOOKS })
  @IsOptional()
  @IsIn(CINNOX_HOOKS)
  hook?: CinnoxHookName;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only failed and dead-lettered deliveries.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  failedOnly?: 'true' | 'false';

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 1000, description: 'Default 100.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's Next-Cursor header." })
  @IsOptional()
  @IsString()
  @MinLength(1)
  cursor?: string;
}

/** `GET /admin/coverage`'s query: the window and the hook of the gaps listed. */
export class CoverageQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Gaps ending at or after (RFC 3339).' })
  @IsOptional()
  @IsRFC3339()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Gaps starting before (RFC 3339).' })
  @IsOptional()
  @IsRFC3339()
  to?: string;

  @ApiPropertyOptional({ enum: CINNOX_HOOKS })
  @IsOptional()
  @IsIn(CINNOX_HOOKS)
  hook?: CinnoxHookName;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 1000, description: 'Default 100.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** An RFC 3339 string as a Date; unset stays unset. */
export const toDate = (value: string | undefined): Date | undefined => (value === undefined ? undefined : new Date(value));
