import { Allow } from 'class-validator';

/**
 * Wire shape of a POST to the label or enquiry-label hook. CINNOX documents no payload, so every JSON
 * object is accepted as it is (the webhook passes the parsed body on, not a class-transformer copy); only
 * the handshake `{ challenge }` is told apart.
 */
export class CinnoxLabelWebhookDto {
  // @Allow checks nothing; it registers the class, which forbidUnknownValues would otherwise refuse.
  @Allow()
  challenge?: unknown;

  [field: string]: unknown;
}
