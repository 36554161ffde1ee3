import { describe, expect, it } from 'vitest';
import { toCallParties, toCallParty } from './to-call-party.js';

describe('call party normalization (liberal in, strict out)', () => {
  it('turns JSON numbers into digit strings', () => {
    expect(toCallParty({ eid: 's1', number: 85212345678 })).toEqual({ eid: 's1', number: '85212345678' });
  });

  it('keeps a leading + and trims strings', () => {
    expect(toCallParty({ number: ' +85298765432 ' })).toEqual({ number: '+85298765432' });
  });

  it('drops empty fields: a party without eid is an external phone', () => {
    expect(toCallParty({ eid: '', number: '' })).toEqual({});
    expect(toCallParty({ number: 0 })).toEqual({ number: '0' });
  });

  it('always gives callees as an array', () => {
    expect(toCallParties({ number: 1 })).toEqual([{ number: '1' }]);
    expect(toCallParties([{ eid: 'a' }, { number: '+2' }])).toEqual([{ eid: 'a' }, { number: '+2' }]);
    expect(toCallParties(undefined)).toEqual([]);
  });
});
