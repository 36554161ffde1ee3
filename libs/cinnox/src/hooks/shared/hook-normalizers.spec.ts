import { describe, expect, it } from 'vitest';
import { toDate } from './to-date.js';
import { toPhoneNumber } from './to-phone-number.js';
import { toText } from './to-text.js';

describe('hook field normalization (liberal in, strict out)', () => {
  it('gives phone numbers as trimmed strings, whatever JSON type they came as', () => {
    expect(toPhoneNumber(85298765432)).toBe('85298765432');
    expect(toPhoneNumber(' +85298765432 ')).toBe('+85298765432');
    expect(toPhoneNumber(0)).toBe('0');
    expect([toPhoneNumber(''), toPhoneNumber('  '), toPhoneNumber(undefined), toPhoneNumber(null)]).toEqual([null, null, null, null]);
  });

  it('parses RFC 3339 with any offset to the same instant; an unparsable or absent one is null', () => {
    expect(toDate('2022-11-07T00:00:00.000Z')).toEqual(new Date(Date.UTC(2022, 10, 7)));
    expect(toDate('2022-11-07T08:00:00+08:00')).toEqual(new Date(Date.UTC(2022, 10, 7)));
    expect([toDate('not a date'), toDate(''), toDate(undefined), toDate(null)]).toEqual([null, null, null, null]);
  });

  it('gives optional text as sent, numbers as text, absent or empty as null', () => {
    expect(toText('VE')).toBe('VE');
    expect(toText(400)).toBe('400');
    expect([toText(''), toText(undefined), toText(null)]).toEqual([null, null, null]);
  });
});
