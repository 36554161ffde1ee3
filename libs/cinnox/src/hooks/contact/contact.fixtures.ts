import { randomUUID } from 'node:crypto';
import { inEnvelope, type CinnoxEnvelopeOptions } from '../shared/hook-envelope.fixtures.js';

/** Options of the contact fixtures; anything not given gets a plausible value. @publicApi */
export interface ContactFixture extends Omit<CinnoxEnvelopeOptions, 'envelope'> {
  /** The staff or external contact ID. */
  id?: string;
  fullName?: string;
  serviceId?: string;
}

/**
 * A staff-contact notification as the page documents it (`message.status` `staffCreate` by default).
 * @publicApi
 */
export function staffContactNotification(
  fixture: ContactFixture & { status?: 'staffCreate' | 'staffEdit' | 'staffDelete' | (string & {}) } = {},
): Record<string, unknown> {
  return contact(fixture, fixture.status ?? 'staffCreate', 'staff');
}

/**
 * An external-contact notification as the page documents it (`message.status` `create` by default).
 * @publicApi
 */
export function externalContactNotification(
  fixture: ContactFixture & { status?: 'create' | 'edit' | 'delete' | (string & {}) } = {},
): Record<string, unknown> {
  return contact(fixture, fixture.status ?? 'create', 'contact');
}

function contact(fixture: ContactFixture, status: string, idPrefix: string): Record<string, unknown> {
  const message = {
    type: 'contact',
    status,
    serviceId: fixture.serviceId ?? 'service-demo',
    fullName: fixture.fullName ?? 'Chan Tai Man',
    id: fixture.id ?? `${idPrefix}-${randomUUID()}`,
  };
  return inEnvelope(message, fixture, 'message');
}
