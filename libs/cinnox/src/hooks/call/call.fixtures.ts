import { randomUUID } from 'node:crypto';

/** A party as CINNOX puts it on the wire (numbers may be JSON numbers). */
export interface CinnoxWireParty {
  eid?: string;
  number?: string | number;
}

/** Options of `callStartNotification()`; anything not given gets a plausible value. */
export interface CallStartFixture {
  id?: string;
  serviceId?: string;
  caller?: CinnoxWireParty;
  callees?: CinnoxWireParty | CinnoxWireParty[];
}

/**
 * A `CallStart` notification body as CINNOX sends it.
 * @publicApi
 */
export function callStartNotification(fixture: CallStartFixture = {}): { message: Record<string, unknown> } {
  return {
    message: {
      id: fixture.id ?? `call-${randomUUID()}`,
      status: 'CallStart',
      serviceId: fixture.serviceId ?? 'service-demo',
      caller: fixture.caller ?? { eid: 'staff-001', number: 85230001000 },
      callees: fixture.callees ?? { number: 85291234567 },
    },
  };
}

/**
 * A `CallEnd` notification body as CINNOX sends it.
 * @publicApi
 */
export function callEndNotification(id: string, serviceId = 'service-demo'): { message: Record<string, unknown> } {
  return { message: { id, status: 'CallEnd', serviceId } };
}

/**
 * The URL-verification handshake body.
 * @publicApi
 */
export function challengeRequest(challenge: string = randomUUID()): { challenge: string } {
  return { challenge };
}
