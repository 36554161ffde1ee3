import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { CINNOX_HOOK_DEFINITIONS } from '../hooks/cinnox-hooks.registry.js';
import { maskPhoneNumbers } from './mask-phone-numbers.js';
import { phoneNumberFields } from './phone-number-fields.js';

describe('phone number masking', () => {
  it('reads the fields the DTOs validate as phone numbers, nested DTOs included', () => {
    expect([...phoneNumberFields(CINNOX_HOOK_DEFINITIONS.call.dto)]).toEqual(['number']);
    expect([...phoneNumberFields(CINNOX_HOOK_DEFINITIONS['inbound-sms'].dto)].sort()).toEqual(['recipientNumber', 'senderNumber']);
    expect([...phoneNumberFields(CINNOX_HOOK_DEFINITIONS['outbound-sms'].dto)]).toEqual(['RecipientNumber']);
    expect([...phoneNumberFields(CINNOX_HOOK_DEFINITIONS.inquiry.dto)]).toEqual([]);
  });

  it('keeps the + and the last four digits of strings and numbers under those fields, at any depth, and copies', () => {
    class Party {
      constructor(readonly number: string) {}
    }
    const at = new Date(0);
    const body = { message: { caller: { eid: 'e1', number: 85230001000 }, callees: [new Party('+852 9123 4567')], at }, id: '123456' };
    const masked = maskPhoneNumbers(body, new Set(['number']));
    expect(masked).toEqual({
      message: { caller: { eid: 'e1', number: '*******1000' }, callees: [{ number: '+*** **** 4567' }], at },
      id: '123456',
    });
    expect(masked.message.callees[0]).toBeInstanceOf(Party);
    expect(body.message.caller.number).toBe(85230001000);
  });
});
