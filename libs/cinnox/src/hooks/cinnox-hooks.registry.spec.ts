// The call DTO's decorators need the metadata polyfill that Nest loads in an app.
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { CINNOX_DEFAULT_WEBHOOK_PATH } from '../cinnox.constants.js';
import { CINNOX_DEFAULT_HOOK_PATHS, CINNOX_HOOKS } from '../domain/cinnox-hook-name.js';
import { cinnoxPayloadShapes } from '../testing/hook-payload-shapes.js';
import { CINNOX_HOOK_DEFINITIONS } from './cinnox-hooks.registry.js';
import { toValidHookDto } from '../webhook/to-hook-dto.js';

describe('CINNOX_HOOK_DEFINITIONS', () => {
  it('defines every hook under its own name, each on its own route', () => {
    expect(Object.keys(CINNOX_HOOK_DEFINITIONS).sort()).toEqual([...CINNOX_HOOKS].sort());
    for (const [name, definition] of Object.entries(CINNOX_HOOK_DEFINITIONS)) expect(definition.name).toBe(name);
    const routes = Object.values(CINNOX_HOOK_DEFINITIONS).map((definition) => definition.defaultRoute);
    expect(new Set(routes).size).toBe(routes.length);
    expect(CINNOX_HOOK_DEFINITIONS['inbound-sms'].defaultRoute).toBe('cinnox/webhooks/inbound-sms-events');
  });

  it('serves each hook on its CINNOX_DEFAULT_HOOK_PATHS entry; the deprecated CINNOX_DEFAULT_WEBHOOK_PATH is the call one', () => {
    expect(Object.keys(CINNOX_DEFAULT_HOOK_PATHS)).toEqual([...CINNOX_HOOKS]);
    for (const hook of CINNOX_HOOKS) {
      expect(CINNOX_HOOK_DEFINITIONS[hook].defaultRoute).toBe(CINNOX_DEFAULT_HOOK_PATHS[hook]);
      expect(CINNOX_DEFAULT_HOOK_PATHS[hook]).toBe(`cinnox/webhooks/${hook}-events`);
    }
    expect(CINNOX_DEFAULT_WEBHOOK_PATH).toBe('cinnox/webhooks/call-events');
    expect(Object.isFrozen(CINNOX_DEFAULT_HOOK_PATHS)).toBe(true);
  });

  it.each(cinnoxPayloadShapes().map((payload) => [payload.hook, payload.shape, payload] as const))(
    '%s, %s: a valid notification emitted as exactly its expected event',
    (_hook, _shape, { hook, body, event }) => {
      const definition = CINNOX_HOOK_DEFINITIONS[hook];
      const dto = toValidHookDto(definition, body);
      expect(definition.isHandshake(dto)).toBe(false);
      expect(definition.validateMissingIds(dto)).toBeUndefined();
      expect(definition.toEvents(dto, new Date()).map((emission) => emission.name)).toEqual([event]);
      expect(event.startsWith(`${hook}.`)).toBe(true);
    },
  );

  it('walks every hook, and answers { challenge } alone as the handshake on each', () => {
    expect(new Set(cinnoxPayloadShapes().map((payload) => payload.hook))).toEqual(new Set(CINNOX_HOOKS));
    for (const definition of Object.values(CINNOX_HOOK_DEFINITIONS)) {
      expect(definition.isHandshake(toValidHookDto(definition, { challenge: 'abc' }))).toBe(true);
    }
  });

  it('works on the plain JSON a queue job carries, not only on DTO instances', () => {
    for (const { hook, body } of cinnoxPayloadShapes()) {
      const definition = CINNOX_HOOK_DEFINITIONS[hook];
      const dto = toValidHookDto(definition, body);
      const plain = JSON.parse(JSON.stringify(dto)) as object;
      expect(definition.dedupeKey(plain)).toBe(definition.dedupeKey(dto));
      expect(definition.toEvents(plain, new Date(0))[0]!.name).toBe(definition.toEvents(dto, new Date(0))[0]!.name);
    }
  });
});
