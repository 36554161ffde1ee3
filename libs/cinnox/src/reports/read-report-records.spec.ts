import { describe, expect, it } from 'vitest';
import { readReportRecords } from './read-report-records.js';

const record = { callID: 'c1' };

describe('readReportRecords', () => {
  it.each([
    ['an array', [record]],
    ['{ code, result: [...] }', { code: 0, result: [record] }],
    ['{ code, result: { records, total } }', { code: 0, result: { records: [record], total: 1 } }],
    ['{ data: [...] }', { data: [record] }],
    ['an envelope of another name, its only array', { code: 0, result: { callLogs: [record], total: 1 } }],
  ])('finds the records in %s', (_, body) => {
    expect(readReportRecords(body)).toEqual([record]);
  });

  it('says what is wrong when there is no list, or an entry is not an object', () => {
    expect(readReportRecords({ code: 0, result: { total: 0 } })).toBe('no list of records (an array, or an object holding one)');
    expect(readReportRecords('nope')).toBe('no list of records (an array, or an object holding one)');
    expect(readReportRecords([record, 'x'])).toBe('record 1 is not an object');
  });

  it('keeps an own "__proto__" field a plain field of the copy', () => {
    const [copy] = readReportRecords(JSON.parse('[{"__proto__": {"polluted": true}, "callID": "c1"}]')) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(copy!)).toEqual(['__proto__', 'callID']);
  });
});
