import { CinnoxEvent } from '../../domain/cinnox-event.js';
import type { ContactEvent } from './contact.event.js';
import { onCinnoxEvent } from '../../decorators/on-cinnox-event.js';

/**
 * Listens to `staff-contact.create`; the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent` (`async`, `prependListener`, ...); a failure always reaches the library (`suppressErrors` is ignored, see `CinnoxListenerOptions`).
 * @publicApi
 */
export const OnStaffContactCreate = onCinnoxEvent<ContactEvent>(CinnoxEvent.StaffContactCreate);

/**
 * Listens to `staff-contact.edit`; the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnStaffContactEdit = onCinnoxEvent<ContactEvent>(CinnoxEvent.StaffContactEdit);

/**
 * Listens to `staff-contact.delete`; the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnStaffContactDelete = onCinnoxEvent<ContactEvent>(CinnoxEvent.StaffContactDelete);

/**
 * Listens to `staff-contact.other` (a status this version does not know); the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnStaffContactOther = onCinnoxEvent<ContactEvent>(CinnoxEvent.StaffContactOther);

/**
 * Listens to `external-contact.create`; the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnExternalContactCreate = onCinnoxEvent<ContactEvent>(CinnoxEvent.ExternalContactCreate);

/**
 * Listens to `external-contact.edit`; the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnExternalContactEdit = onCinnoxEvent<ContactEvent>(CinnoxEvent.ExternalContactEdit);

/**
 * Listens to `external-contact.delete`; the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnExternalContactDelete = onCinnoxEvent<ContactEvent>(CinnoxEvent.ExternalContactDelete);

/**
 * Listens to `external-contact.other` (a status this version does not know, such as a merge); the method
 * receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnExternalContactOther = onCinnoxEvent<ContactEvent>(CinnoxEvent.ExternalContactOther);
