import 'reflect-metadata';
import { CINNOX_HOOK_DEFINITIONS } from '../hooks/cinnox-hooks.registry.js';
import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { CinnoxWebhookValidationPipe } from './cinnox-webhook-validation.pipe.js';
import { CinnoxWebhookDto } from '../hooks/call/call-webhook.dto.js';

const pipe = new CinnoxWebhookValidationPipe(CINNOX_HOOK_DEFINITIONS.call);
const message = (fields: Record<string, unknown> = {}) => ({ message: { id: 'c1', status: 'CallStart', serviceId: 's1', ...fields } });
const problem = (body: unknown): string => {
  try {
    pipe.transform(body);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).message;
  }
  throw new Error('expected the body to be rejected');
};

describe('CinnoxWebhookValidationPipe', () => {
  it('passes the handshake and every documented notification on as the plain body (the compiled check)', () => {
    for (const body of [{ challenge: 'abc' }, message(), message({ status: 'CallEnd' }), message({ status: 'CallHold' })]) {
      expect(pipe.transform(body)).toBe(body);
    }
  });

  it('passes an undocumented label payload on exactly as it came, keys named like Object.prototype members included', () => {
    const body = JSON.parse('{"label":{"valueOf":"blue","toString":"x","names":[{"constructor":"y"}]}}') as object;
    const passed = new CinnoxWebhookValidationPipe(CINNOX_HOOK_DEFINITIONS.label).transform(body);
    expect(passed).toBe(body);
    expect(passed).toEqual({ label: { valueOf: 'blue', toString: 'x', names: [{ constructor: 'y' }] } });
  });

  it('asks class-validator when the compiled check cannot vouch for a valid body, and passes its DTO instance on', () => {
    // A field initializer is outside what the check models, so it answers "ask class-validator" for every body.
    class Defaulted extends CinnoxWebhookDto {
      source = 'cinnox';
    }
    const unsure = new CinnoxWebhookValidationPipe({ ...CINNOX_HOOK_DEFINITIONS.call, dto: Defaulted });
    const body = message();
    const dto = unsure.transform(body);
    expect(dto).not.toBe(body);
    expect(dto).toBeInstanceOf(Defaulted);
  });

  it('is liberal where the vendor page is loose', () => {
    const liberal = [
      message({ caller: { eid: 'e', number: 85212345678 }, callees: { number: '+85298765432' } }),
      message({ caller: { number: '+852 9876 5432' }, callees: [{ eid: 'x' }, { number: 1 }] }),
      message({ caller: { number: 2 ** 53 - 1 }, extraField: { nested: true } }),
      { ...message(), challenge: 'also-here' },
    ];
    for (const body of liberal) expect(() => pipe.transform(body)).not.toThrow();
  });

  it.each([
    [[], 'must be a JSON object'],
    ['text', 'must be a JSON object'],
    [null, 'must be a JSON object'],
    [{}, 'challenge must be a string'],
    [{ challenge: '' }, 'challenge must not be empty'],
    [{ challenge: 5 }, 'challenge must be a string'],
    [{ message: 'x' }, 'message must be an object'],
    [{ message: { status: 'CallStart', serviceId: 's' } }, 'message.id must be a string'],
    [message({ id: 7 }), 'message.id must be a string'],
    [message({ status: undefined }), 'message.status must be a string'],
    [message({ serviceId: '' }), 'message.serviceId should not be empty'],
    [message({ caller: 'x' }), 'message.caller must be an object'],
    [message({ caller: { number: {} } }), 'message.caller.number must be a string'],
    [message({ caller: { number: -1 } }), 'message.caller.number must be a string'],
    [message({ caller: { number: 1.5 } }), 'message.caller.number must be a string'],
    [message({ caller: { number: 2 ** 53 } }), 'message.caller.number must be a string'],
    [message({ caller: { eid: 3 } }), 'message.caller.eid must be a string'],
    [message({ callees: 5 }), 'message.callees must be an object or an array of objects'],
    [message({ callees: [1] }), 'callees must be an object or an array of objects'],
    [JSON.parse('{"__proto__":{"challenge":"x"}}'), '"__proto__" key'],
  ])('rejects %j, saying what is wrong', (body, expected) => {
    expect(problem(body)).toContain(expected);
  });
});
