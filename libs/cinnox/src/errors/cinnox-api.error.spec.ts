import { describe, expect, it } from 'vitest';
import { isPermanentRefusal } from '../subscription/is-permanent-refusal.js';
import { CinnoxApiError } from './cinnox-api.error.js';
import { CinnoxErrorCode } from './cinnox-error-code.js';
import { CinnoxNetworkError } from './cinnox-network.error.js';
import { CinnoxOptionsError } from './cinnox-options.error.js';

const api = (status: number, code?: number) => new CinnoxApiError('refused', status, code, undefined);

describe('CinnoxApiError codes', () => {
  it("names CINNOX's documented codes", () => {
    expect([CinnoxApiError.TOO_MANY_REQUESTS, CinnoxApiError.INVALID_TOKEN, CinnoxApiError.INVALID_APP_ID]).toEqual([
      6451010, 6452000, 6452001,
    ]);
    expect(CinnoxErrorCode).toEqual({
      MethodNotFound: 6450001,
      BadParameters: 6451000,
      TooManyRequests: 6451010,
      NoRecords: 6451011,
      InvalidToken: 6452000,
      InvalidAppId: 6452001,
    });
  });

  it('tells rate limiting (6451010 whatever the status, or 429), a bad token and a bad app id apart', () => {
    expect([api(400, 6451010), api(200, 6451010), api(429)].map((e) => e.isRateLimited)).toEqual([true, true, true]);
    expect(api(400, 4001).isRateLimited).toBe(false);
    expect([api(400, 6452000), api(401), api(403)].map((e) => e.isInvalidToken)).toEqual([true, true, true]);
    expect(api(400, 6452001).isInvalidAppId).toBe(true);
    expect(api(404).isInvalidAppId).toBe(false);
    expect([api(404, 6450001), api(400, 6450001), api(404)].map((e) => e.isPathNotFound)).toEqual([true, true, false]);
  });

  it('the lifecycle gives up only on a bad token, app id, path (6450001) or option', () => {
    const permanent = [api(401, 6452000), api(400, 6452001), api(404, 6450001), new CinnoxOptionsError('url', 'bad')];
    expect(permanent.map(isPermanentRefusal)).toEqual([true, true, true, true]);
    const transient = [api(400, 400), api(429), api(503), api(401, 6451010), new CinnoxNetworkError('down', 'ECONNREFUSED', false)];
    expect(transient.map(isPermanentRefusal)).toEqual([false, false, false, false, false]);
  });
});
