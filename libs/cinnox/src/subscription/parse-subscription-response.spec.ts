import { describe, expect, it } from 'vitest';
import { parseSubscriptionResponse } from './parse-subscription-response.js';

const result = (fields: Record<string, unknown>) => ({
  code: 0,
  result: { enabled: true, url: 'https://example.com/hook', updatedAt: '2022-07-11T08:30:00Z', ...fields },
});

describe('parseSubscriptionResponse', () => {
  it('reads the documented body, updatedAt as a Date', () => {
    expect(parseSubscriptionResponse(result({}))).toEqual({
      enabled: true,
      url: 'https://example.com/hook',
      updatedAt: new Date('2022-07-11T08:30:00Z'),
    });
  });

  it.each(['2022-07-11T08:30:00.123Z', '2022-07-11t08:30:00z', '2022-07-11T16:30:00+08:00', '2022-07-11T03:30:00.5-05:00'])(
    'accepts the RFC 3339 date-time %s',
    (updatedAt) => {
      const parsed = parseSubscriptionResponse(result({ updatedAt }));
      expect(parsed).toMatchObject({ updatedAt: expect.any(Date) });
      expect((parsed as { updatedAt: Date }).updatedAt.getTime()).toBe(Date.parse(updatedAt.toUpperCase()));
    },
  );

  it.each([
    ['not an object', 'ok', 'the body is not a JSON object'],
    ['an array', [], 'the body is not a JSON object'],
    ['null', null, 'the body is not a JSON object'],
    ['no result', { code: 0 }, 'the body has no "result" object'],
    ['an array result', { code: 0, result: [] }, 'the body has no "result" object'],
    ['enabled as a string', result({ enabled: 'yes' }), '"result.enabled" is not a boolean'],
    ['url missing', result({ url: undefined }), '"result.url" is not a string'],
    ['updatedAt missing', result({ updatedAt: undefined }), '"result.updatedAt" is not an RFC 3339 date-time'],
    ['updatedAt as epoch millis', result({ updatedAt: 1657528200000 }), '"result.updatedAt" is not an RFC 3339 date-time'],
    ['a date without a zone', result({ updatedAt: '2022-07-11T08:30:00' }), '"result.updatedAt" is not an RFC 3339 date-time'],
    ['a date only', result({ updatedAt: '2022-07-11' }), '"result.updatedAt" is not an RFC 3339 date-time'],
    ['a US date', result({ updatedAt: '07/11/2022' }), '"result.updatedAt" is not an RFC 3339 date-time'],
    ['an impossible date', result({ updatedAt: '2022-13-45T99:99:99Z' }), '"result.updatedAt" is not an RFC 3339 date-time'],
  ])('says what is wrong with %s', (_, body, problem) => {
    expect(parseSubscriptionResponse(body)).toBe(problem);
  });
});
