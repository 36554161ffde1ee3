import { describe, expect, it } from 'vitest';
import { CinnoxEvent } from '../../domain/cinnox-event.js';
import { ContactEvent } from './contact.event.js';
import { externalContactNotification, staffContactNotification } from './contact.fixtures.js';
import { EXTERNAL_CONTACT_HOOK } from './external-contact.hook.js';
import { STAFF_CONTACT_HOOK } from './staff-contact.hook.js';
import { toHookDto, toValidHookDto } from '../../webhook/to-hook-dto.js';

const receivedAt = new Date('2026-01-02T03:04:05.000Z');

describe.each([
  {
    hook: STAFF_CONTACT_HOOK,
    notification: staffContactNotification,
    statuses: { create: 'staffCreate', edit: 'staffEdit', delete: 'staffDelete' },
    events: [CinnoxEvent.StaffContactCreate, CinnoxEvent.StaffContactEdit, CinnoxEvent.StaffContactDelete, CinnoxEvent.StaffContactOther],
  },
  {
    hook: EXTERNAL_CONTACT_HOOK,
    notification: externalContactNotification,
    statuses: { create: 'create', edit: 'edit', delete: 'delete' },
    events: [
      CinnoxEvent.ExternalContactCreate,
      CinnoxEvent.ExternalContactEdit,
      CinnoxEvent.ExternalContactDelete,
      CinnoxEvent.ExternalContactOther,
    ],
  },
])('$hook.name hook', ({ hook, notification, statuses, events: [create, edit, remove, other] }) => {
  const parse = (body: object) => toValidHookDto(hook, body);

  it('maps the documented shape to one create event', () => {
    const dto = parse(notification({ id: 'p-1', fullName: 'Chan Tai Man', status: statuses.create }));
    expect(hook.isHandshake(dto)).toBe(false);
    expect(hook.validateMissingIds(dto)).toBeUndefined();
    const events = hook.toEvents(dto, receivedAt);
    expect(events.map((event) => event.name)).toEqual([create]);
    expect(events[0]!.payload).toBeInstanceOf(ContactEvent);
    expect({ ...events[0]!.payload }).toEqual({
      eventId: `${hook.name}:p-1:${statuses.create}`,
      hook: hook.name,
      contactId: 'p-1',
      status: statuses.create,
      change: 'create',
      fullName: 'Chan Tai Man',
      serviceId: 'service-demo',
      receivedAt,
      raw: { type: 'contact', status: statuses.create, serviceId: 'service-demo', fullName: 'Chan Tai Man', id: 'p-1' },
    });
  });

  it('emits edit and delete, and surfaces an unknown status (a merge) as other', () => {
    const name = (status: string) => hook.toEvents(parse(notification({ status })), receivedAt)[0]!.name;
    expect([name(statuses.edit), name(statuses.delete), name('merge')]).toEqual([edit, remove, other]);
    const merged = hook.toEvents(parse(notification({ status: 'merge' })), receivedAt)[0]!.payload;
    expect(merged).toMatchObject({ status: 'merge', change: null });
  });

  it('tells the handshake from a notification that carries a challenge', () => {
    expect(hook.isHandshake(parse({ challenge: 'abc' }))).toBe(true);
    expect(hook.isHandshake(parse(notification({ challenge: 'abc' })))).toBe(false);
  });

  it('refuses a notification without message.id or message.status', () => {
    expect(hook.validateMissingIds(parse({ type: 'message', message: { status: statuses.create } }))).toMatch(
      new RegExp(`message\\.id must be a non-empty string in every ${hook.name} notification`),
    );
    expect(hook.validateMissingIds(parse({ message: { id: 'p-1' } }))).toMatch(/message\.status/);
  });

  it('keys a redelivery alike (whatever its challenge), a new status or another edit apart', () => {
    const key = (fixture: Parameters<typeof notification>[0]) => hook.dedupeKey(parse(notification({ id: 'p-1', ...fixture })));
    expect(key({ status: statuses.create })).toBe(key({ status: statuses.create, challenge: 'other' }));
    expect(key({ status: statuses.delete })).not.toBe(key({ status: statuses.create }));
    expect(key({ status: statuses.edit, fullName: 'A' })).toBe(key({ status: statuses.edit, fullName: 'A', challenge: 'other' }));
    expect(key({ status: statuses.edit, fullName: 'A' })).not.toBe(key({ status: statuses.edit, fullName: 'B' }));
    // An edit of a field this version does not map is still an edit.
    const withPhone = parse(notification({ id: 'p-1', status: statuses.edit, fullName: 'A' }));
    (withPhone.message as Record<string, unknown>).phone = '+852';
    expect(hook.dedupeKey(withPhone)).not.toBe(key({ status: statuses.edit, fullName: 'A' }));
  });

  it('rejects wrong types', () => {
    expect(toHookDto(hook, { message: { id: 'p', status: 'create', fullName: 3 } }).errors[0]!.children![0]!.property).toBe('fullName');
    expect(toHookDto(hook, { challenge: 3 }).errors[0]!.property).toBe('challenge');
  });
});
