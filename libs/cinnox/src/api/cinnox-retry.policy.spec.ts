import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios';
import { describe, expect, it } from 'vitest';
import { isTransient } from './cinnox-retry.policy.js';

const answered = (status: number, data: unknown): AxiosError => {
  const response = { status, data, headers: {}, config: { headers: new AxiosHeaders() }, statusText: '' } as AxiosResponse;
  return new AxiosError('failed', 'ERR_BAD_REQUEST', response.config, undefined, response);
};

describe('isTransient', () => {
  it("retries CINNOX's rate-limit code 6451010 whatever the HTTP status", () => {
    expect(isTransient(answered(400, { code: 6451010, message: 'Too many requests' }))).toBe(true);
    expect(isTransient(answered(403, { code: 6451010 }))).toBe(true);
  });

  it('retries 429 and 5xx, not other 4xx', () => {
    expect([429, 500, 503].map((status) => isTransient(answered(status, {})))).toEqual([true, true, true]);
    expect([400, 401, 404].map((status) => isTransient(answered(status, { code: 6452000 })))).toEqual([false, false, false]);
  });

  it('never retries "no records" (6451011), whatever status carries it', () => {
    expect([404, 500, 503].map((status) => isTransient(answered(status, { code: 6451011, message: 'no records found' })))).toEqual([
      false,
      false,
      false,
    ]);
  });
});
