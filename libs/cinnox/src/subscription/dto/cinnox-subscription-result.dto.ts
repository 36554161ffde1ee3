import { IsBoolean, IsRFC3339, IsString } from 'class-validator';
import { subscriptionResultInvalid } from '../../cinnox.messages.js';

/** The `result` of CINNOX's 200 answer to the subscription PATCH, as documented. */
export class CinnoxSubscriptionResultDto {
  @IsBoolean({ message: subscriptionResultInvalid('enabled', 'a boolean') })
  enabled!: boolean;

  @IsString({ message: subscriptionResultInvalid('url', 'a string') })
  url!: string;

  @IsRFC3339({ message: subscriptionResultInvalid('updatedAt', 'an RFC 3339 date-time') })
  updatedAt!: string;
}
