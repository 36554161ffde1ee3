import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { hookWebhookUrl } from './hook-webhook-url.js';

const address: AddressInfo = { address: '127.0.0.1', family: 'IPv4', port: 4321 };
const route = 'cinnox/webhooks/call-events';

describe('hookWebhookUrl', () => {
  it('uses `url` for the call hook, over `publicUrl`', () => {
    expect(hookWebhookUrl('call', route, { url: 'https://a.example/hook', publicUrl: 'https://b.example' }, address)).toBe(
      'https://a.example/hook',
    );
  });

  it("derives a hook's URL from `publicUrl` and the path the app serves its route at, slashes normalised", () => {
    expect(hookWebhookUrl('call', `/${route}`, { publicUrl: 'https://b.example/' }, address)).toBe(
      'https://b.example/cinnox/webhooks/call-events',
    );
    // A path a reverse proxy adds in front of the app stays in front of the app's own global prefix.
    expect(hookWebhookUrl('call', `/api/${route}`, { publicUrl: 'https://b.example/edge/' }, address)).toBe(
      'https://b.example/edge/api/cinnox/webhooks/call-events',
    );
    expect(
      hookWebhookUrl(
        'recording',
        'cinnox/webhooks/recording-events',
        { url: 'https://a.example/hook', publicUrl: 'https://b.example' },
        address,
      ),
    ).toBe('https://b.example/cinnox/webhooks/recording-events');
  });

  it('calls a function with the listening address', () => {
    expect(hookWebhookUrl('call', route, { url: ({ port }) => `http://127.0.0.1:${port}/h` }, address)).toBe('http://127.0.0.1:4321/h');
    expect(hookWebhookUrl('call', route, { publicUrl: ({ port }) => `http://localhost:${port}` }, address)).toBe(
      'http://localhost:4321/cinnox/webhooks/call-events',
    );
  });

  it('names the missing option for a hook that needs `publicUrl`', () => {
    expect(() => hookWebhookUrl('recording', 'r', { url: 'https://a.example/hook' }, address)).toThrow(CinnoxOptionsError);
  });
});
