import { randomUUID } from 'node:crypto';

/**
 * How a notification's fields travel: `message` wraps them (`{ type: "message", challenge, message }`, as
 * the call, recording and contact pages show), `flat` puts them at the top (as the enquiry and SMS pages list them).
 * @publicApi
 */
export type CinnoxEnvelope = 'flat' | 'message';

/**
 * Envelope options every hook fixture takes.
 * @publicApi
 */
export interface CinnoxEnvelopeOptions {
  /** Where the fields go; each fixture defaults to the shape its vendor page documents. */
  envelope?: CinnoxEnvelope;
  /**
   * The "internal use" challenge carried beside the fields; `null` leaves it out.
   * @default a random one with the `message` envelope, none when flat
   */
  challenge?: string | null;
}

/** Puts `fields` in the envelope `options` ask for, `documented` unless told otherwise. */
export function inEnvelope(
  fields: Record<string, unknown>,
  options: CinnoxEnvelopeOptions,
  documented: CinnoxEnvelope,
): Record<string, unknown> {
  const envelope = options.envelope ?? documented;
  const challenge = options.challenge === undefined ? (envelope === 'message' ? `internal-${randomUUID()}` : null) : options.challenge;
  const body: Record<string, unknown> = envelope === 'message' ? { type: 'message', message: fields } : { ...fields };
  if (challenge !== null) body.challenge = challenge;
  return body;
}
