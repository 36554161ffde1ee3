import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  const secret = 'webhook secret/with+odd=chars';

  it('removes a secret as given and URL-encoded, and any token= value', () => {
    const text = `url https://h/x?token=${encodeURIComponent(secret)} raw ${secret} form ${new URLSearchParams({ t: secret }).toString()} other?a=1&token=zzz`;

    const clean = redactSecrets(text, [secret, undefined, '']);

    expect(clean).not.toContain(secret);
    expect(clean).not.toContain(encodeURIComponent(secret));
    expect(clean).not.toContain('zzz');
    expect(clean).toBe('url https://h/x?token=[redacted] raw [redacted] form t=[redacted] other?a=1&token=[redacted]');
  });

  it('leaves text without secrets alone', () => {
    expect(redactSecrets('CINNOX rejected PATCH /v1/x with HTTP 400.', ['s3cret-s3cret-s3cret'])).toBe(
      'CINNOX rejected PATCH /v1/x with HTTP 400.',
    );
  });
});
