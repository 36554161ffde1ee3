// Plain OpenAPI 3 data (no @nestjs/swagger dependency) describing each hook's webhook, for hosts that
// publish an OpenAPI document. The request schemas are generated from the hooks' class-validator DTOs, the
// metadata the webhook validates with, so they cannot drift from what the route accepts.
import { CINNOX_HOOK_DEFINITIONS } from '../hooks/cinnox-hooks.registry.js';
import type { CinnoxHookDefinition } from '../domain/cinnox-hook-definition.interface.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import type { CinnoxOpenApiOperation, CinnoxOpenApiResponse } from './cinnox-openapi-operation.interface.js';
import { toJsonSchema } from './to-json-schema.js';

// CINNOX's error shape (CinnoxErrorBody), the body of every 4xx and 503.
const error = (description: string): CinnoxOpenApiResponse => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'integer', example: 400 }, message: { type: 'string' } },
      },
    },
  },
});

/** The operation of `hook`'s route: its DTO's schema as the request body, the webhook's answers as responses. */
export function toWebhookOperation(hook: CinnoxHookDefinition): CinnoxOpenApiOperation {
  return {
    summary: `CINNOX ${hook.name} webhook: URL verification ({ challenge }) and ${hook.name} notifications`,
    requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(hook.dto) } } },
    responses: {
      '200': {
        description: 'Verified or accepted: `{ code: 0, result }`, `result.challenge` echoing the challenge when there is one.',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['code', 'result'],
              properties: {
                code: { type: 'integer', enum: [0] },
                result: { type: 'object', properties: { challenge: { type: 'string' } } },
              },
            },
          },
        },
      },
      '400': error('Invalid body'),
      '401': error('Missing or wrong ?token= (with webhook.secret)'),
      '403': error('Source not in webhook.allowedSources'),
      '413': error('Body over webhook.bodyLimitBytes'),
      '415': error('Content-Type is not JSON'),
      '503': error('Dedupe store unavailable; deliver again'),
    },
  };
}

/**
 * OpenAPI operation fields (summary, request body, responses) for `POST` on each hook's webhook route, by
 * hook name: merge the enabled hooks' ones into your document (`cinnoxWebhookOpenApiPaths(app)` says which
 * path each is served at).
 * @publicApi
 */
export const CINNOX_WEBHOOK_OPENAPI_BY_HOOK: Readonly<Record<CinnoxHookName, CinnoxOpenApiOperation>> = Object.freeze(
  Object.fromEntries(Object.entries(CINNOX_HOOK_DEFINITIONS).map(([name, hook]) => [name, toWebhookOperation(hook)])) as Record<
    CinnoxHookName,
    CinnoxOpenApiOperation
  >,
);

/**
 * OpenAPI operation fields for the call hook's route (`POST {hookPaths.call}`): request body and responses.
 * @deprecated Use `CINNOX_WEBHOOK_OPENAPI_BY_HOOK.call` (the same object), or `cinnoxWebhookOpenApiPaths(app)`
 * for every enabled hook.
 * @publicApi
 */
export const CINNOX_WEBHOOK_OPENAPI: CinnoxOpenApiOperation = CINNOX_WEBHOOK_OPENAPI_BY_HOOK.call;
