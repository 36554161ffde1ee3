import type { INestApplicationContext } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { CINNOX_WEBHOOK_ROUTES } from '../cinnox.constants.js';
import type { CinnoxOpenApiOperation } from './cinnox-openapi-operation.interface.js';
import type { CinnoxWebhookRoute } from '../domain/cinnox-webhook-route.interface.js';
import { CINNOX_WEBHOOK_OPENAPI_BY_HOOK } from './cinnox-webhook.openapi.js';
import { servedWebhookPath } from '../net/served-webhook-path.js';

/**
 * The OpenAPI operation of every enabled hook's webhook, by the path the app serves it at (global prefix and
 * `hookPaths` applied, as the keys of an OpenAPI document's `paths`). Call it once the app is created; each
 * call returns fresh copies, so a host may change them.
 * @param app the Nest application (or any context) that imports `CinnoxModule`.
 * @publicApi
 */
export function cinnoxWebhookOpenApiPaths(app: Pick<INestApplicationContext, 'get'>): Record<string, CinnoxOpenApiOperation> {
  const routes = app.get<readonly CinnoxWebhookRoute[]>(CINNOX_WEBHOOK_ROUTES, { strict: false });
  const config = app.get(ApplicationConfig, { strict: false });
  return Object.fromEntries(
    routes.map((route) => [servedWebhookPath(route.path, config), structuredClone(CINNOX_WEBHOOK_OPENAPI_BY_HOOK[route.hook.name])]),
  );
}
