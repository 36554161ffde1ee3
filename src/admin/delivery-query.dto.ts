import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsRFC3339, IsString, Max, Min, MinLength } from 'class-validator';
import { CINNOX_HOOKS, type CinnoxHookName } from 'nestjs-cinnox';

/** The window and the hook every admin route filters by (deliveries by receipt, gaps by overlap). */
class HookWindow {
  @ApiPropertyOptional({ format: 'date-time', description: 'Start of the window (RFC 3339).' })
  @IsOptional()
  @IsRFC3339()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'End of the window (RFC 3339), not included.' })
  @IsOptional()
  @IsRFC3339()
  to?: string;

  @ApiPropertyOptional({ enum: CINNOX_HOOKS })
  @IsOptional()
  @IsIn(CINNOX_HOOKS)
  hook?: CinnoxHookName;
}

/** A window and hook, a page at a time. */
class PagedHookWindow extends HookWindow {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 1000, description: 'Default 100.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** Which deliveries `POST /admin/replay` re-dispatches: the window, the hook, failed ones only. */
export class ReplayRequest extends HookWindow {
  @ApiPropertyOptional({ type: Boolean, description: 'Only failed (inline) and dead-lettered (queue) deliveries.' })
  @IsOptional()
  @IsIn([true, false])
  failedOnly?: boolean;
}

/** `GET /admin/deliveries`'s query: the replay's filters as strings, and paging. */
export class DeliveryQuery extends PagedHookWindow {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only failed and dead-lettered deliveries.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  failedOnly?: 'true' | 'false';

  @ApiPropertyOptional({ description: "The previous page's Next-Cursor header." })
  @IsOptional()
  @IsString()
  @MinLength(1)
  cursor?: string;
}

/** `GET /admin/coverage`'s query: the window and the hook of the gaps listed. */
export class CoverageQuery extends PagedHookWindow {}

/** An RFC 3339 string as a Date; unset stays unset. */
export const toDate = (value: string | undefined): Date | undefined => (value === undefined ? undefined : new Date(value));
