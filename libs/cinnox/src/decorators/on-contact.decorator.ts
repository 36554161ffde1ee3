import { CinnoxEvent } from '../events/cinnox-event.js';
import { onCinnoxEvent } from './on-cinnox-event.js';

/**
 * Listens to `staff-contact.create`; the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent` (`async`, `suppressErrors`, ...).
 * @publicApi
 */
export const OnStaffContactCreate = onCinnoxEvent(CinnoxEvent.StaffContactCreate);

/**
 * Listens to `staff-contact.edit`; the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnStaffContactEdit = onCinnoxEvent(CinnoxEvent.StaffContactEdit);

/**
 * Listens to `staff-contact.delete`; the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnStaffContactDelete = onCinnoxEvent(CinnoxEvent.StaffContactDelete);

/**
 * Listens to `staff-contact.other` (a status this version does not know); the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnStaffContactOther = onCinnoxEvent(CinnoxEvent.StaffContactOther);

/**
 * Listens to `external-contact.create`; the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnExternalContactCreate = onCinnoxEvent(CinnoxEvent.ExternalContactCreate);

/**
 * Listens to `external-contact.edit`; the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnExternalContactEdit = onCinnoxEvent(CinnoxEvent.ExternalContactEdit);

/**
 * Listens to `external-contact.delete`; the method receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnExternalContactDelete = onCinnoxEvent(CinnoxEvent.ExternalContactDelete);

/**
 * Listens to `external-contact.other` (a status this version does not know, such as a merge); the method
 * receives a `ContactEvent`.
 * @param options passed through to `@OnEvent`.
 * @publicApi
 */
export const OnExternalContactOther = onCinnoxEvent(CinnoxEvent.ExternalContactOther);
