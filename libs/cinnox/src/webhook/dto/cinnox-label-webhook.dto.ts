import { Allow } from 'class-validator';

/**
 * Wire shape of a POST to the label or enquiry-label hook. CINNOX documents no payload, so every JSON
 * object is accepted as it is; only the handshake `{ challenge }` is told apart. One caveat of
 * class-transformer: in nested objects it drops keys named like `Object.prototype` members (`valueOf`,
 * `toString`, ...), so those do not reach the event's `raw` nor the content digest.
 */
export class CinnoxLabelWebhookDto {
  // @Allow checks nothing; it registers the class, which forbidUnknownValues would otherwise refuse.
  @Allow()
  challenge?: unknown;

  [field: string]: unknown;
}
