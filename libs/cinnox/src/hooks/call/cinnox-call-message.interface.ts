/**
 * One side of a call as CINNOX sends it, before normalizing (`number` may be a JSON number).
 * The wire DTO implements it; the domain reads only this.
 * @publicApi
 */
export interface CinnoxCallPartyMessage {
  readonly eid?: string;
  readonly number?: string | number;
}

/**
 * A call notification's `message` as CINNOX sends it (validated), before normalizing into events.
 * The wire DTO implements it; the domain reads only this.
 * @publicApi
 */
export interface CinnoxCallMessage {
  readonly id: string;
  readonly status: string;
  readonly serviceId: string;
  readonly caller?: CinnoxCallPartyMessage;
  /** One object or an array: CINNOX's page documents single fields under a plural name. */
  readonly callees?: CinnoxCallPartyMessage | readonly CinnoxCallPartyMessage[];
  /** Fields this version does not map, kept as received. */
  readonly [field: string]: unknown;
}
