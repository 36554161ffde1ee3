// The hook DTOs' decorators need the metadata polyfill that Nest loads in an app.
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { CINNOX_DEFAULT_HOOK_PATHS } from '../cinnox.constants.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { toWebhookRoutes } from './to-webhook-routes.js';

const pathsOf = (...args: Parameters<typeof toWebhookRoutes>) =>
  Object.fromEntries(toWebhookRoutes(...args).map((route) => [route.hook.name, route.path]));

describe('toWebhookRoutes', () => {
  it('serves each hook on its default path unless hookPaths moves it', () => {
    expect(pathsOf({ hooks: ['call', 'recording'], hookPaths: { recording: '/rec/' } })).toEqual({
      call: CINNOX_DEFAULT_HOOK_PATHS.call,
      recording: 'rec',
    });
  });

  describe('webhookPath, the deprecated name of hookPaths.call', () => {
    it('still moves the call route', () => {
      expect(pathsOf({ webhookPath: '/calls-in/' })).toEqual({ call: 'calls-in' });
    });

    it('may be given beside hookPaths.call when both say the same path', () => {
      expect(pathsOf({ webhookPath: 'calls-in', hookPaths: { call: '/calls-in' } })).toEqual({ call: 'calls-in' });
    });

    it('refuses a hookPaths.call that says otherwise, naming the option to keep', () => {
      let refused: unknown;
      try {
        toWebhookRoutes({ webhookPath: 'calls-in', hookPaths: { call: 'elsewhere' } });
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(CinnoxOptionsError);
      expect(refused).toMatchObject({ option: 'webhookPath' });
      expect((refused as Error).message).toBe(
        'CinnoxModule options "webhookPath" ("calls-in") and "hookPaths.call" ("elsewhere") both set the call route, ' +
          'differently. "webhookPath" is deprecated: keep only hookPaths: { call: ... }.',
      );
    });
  });
});
