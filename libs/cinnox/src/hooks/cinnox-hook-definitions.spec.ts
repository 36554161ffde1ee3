// The call DTO's decorators need the metadata polyfill that Nest loads in an app.
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { CINNOX_DEFAULT_WEBHOOK_PATH, CINNOX_HOOKS } from '../cinnox.constants.js';
import { CinnoxEvent } from '../events/cinnox-event.js';
import { callEndNotification, callStartNotification } from '../testing/call-event.fixtures.js';
import { externalContactNotification, staffContactNotification } from '../testing/contact-event.fixtures.js';
import { inquiryNotification } from '../testing/inquiry-event.fixtures.js';
import { labelNotification } from '../testing/label-event.fixtures.js';
import { recordingNotification } from '../testing/recording-event.fixtures.js';
import { inboundSmsNotification, outboundSmsNotification } from '../testing/sms-event.fixtures.js';
import { CINNOX_HOOK_DEFINITIONS } from './cinnox-hook-definitions.js';
import { toValidHookDto } from './to-hook-dto.js';

const FIXTURES: Record<(typeof CINNOX_HOOKS)[number], () => object[]> = {
  call: () => [callStartNotification(), callEndNotification('c1')],
  recording: () => [recordingNotification(), recordingNotification({ recordingOf: 'conference', status: 'fail' })],
  inquiry: () => [inquiryNotification(), inquiryNotification({ envelope: 'message' })],
  'inbound-sms': () => [inboundSmsNotification(), inboundSmsNotification({ envelope: 'message' })],
  'outbound-sms': () => [outboundSmsNotification(), outboundSmsNotification({ envelope: 'message' })],
  'staff-contact': () => [staffContactNotification()],
  'external-contact': () => [externalContactNotification()],
  label: () => [labelNotification()],
  'inquiry-label': () => [labelNotification({ any: ['shape'] })],
};

describe('CINNOX_HOOK_DEFINITIONS', () => {
  it('defines every hook under its own name, each on its own route', () => {
    expect(Object.keys(CINNOX_HOOK_DEFINITIONS).sort()).toEqual([...CINNOX_HOOKS].sort());
    for (const [name, definition] of Object.entries(CINNOX_HOOK_DEFINITIONS)) expect(definition.name).toBe(name);
    const routes = Object.values(CINNOX_HOOK_DEFINITIONS).map((definition) => definition.defaultRoute);
    expect(new Set(routes).size).toBe(routes.length);
    expect(CINNOX_HOOK_DEFINITIONS.call.defaultRoute).toBe(CINNOX_DEFAULT_WEBHOOK_PATH);
    expect(CINNOX_HOOK_DEFINITIONS['inbound-sms'].defaultRoute).toBe('cinnox/webhooks/inbound-sms-events');
  });

  it.each(CINNOX_HOOKS)('%s: every fixture shape is a valid notification giving one CinnoxEvent, and { challenge } a handshake', (name) => {
    const definition = CINNOX_HOOK_DEFINITIONS[name];
    const names: readonly string[] = Object.values(CinnoxEvent);
    for (const body of FIXTURES[name]()) {
      const dto = toValidHookDto(definition, body);
      expect(definition.isHandshake(dto)).toBe(false);
      expect(definition.validateMissingIds(dto)).toBeUndefined();
      const events = definition.toEvents(dto, new Date());
      expect(events).toHaveLength(1);
      expect(names).toContain(events[0]!.name);
      expect(events[0]!.name.startsWith(`${name}.`)).toBe(true);
    }
    expect(definition.isHandshake(toValidHookDto(definition, { challenge: 'abc' }))).toBe(true);
  });

  it('works on the plain JSON a queue job carries, not only on DTO instances', () => {
    for (const name of CINNOX_HOOKS) {
      const definition = CINNOX_HOOK_DEFINITIONS[name];
      const dto = toValidHookDto(definition, FIXTURES[name]()[0]!);
      const plain = JSON.parse(JSON.stringify(dto)) as object;
      expect(definition.dedupeKey(plain)).toBe(definition.dedupeKey(dto));
      expect(definition.toEvents(plain, new Date(0))[0]!.name).toBe(definition.toEvents(dto, new Date(0))[0]!.name);
    }
  });
});
