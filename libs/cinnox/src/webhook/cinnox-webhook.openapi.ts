// Plain OpenAPI 3 data (no @nestjs/swagger dependency) describing the webhook's wire shapes, for hosts
// that publish an OpenAPI document: merge it into the operation of the webhook path. It mirrors the
// class-validator DTOs in ./dto (keep them in step when a DTO changes).

const party = {
  type: 'object',
  properties: {
    eid: { type: 'string', maxLength: 256, description: "The staff member's EID (absent for external parties)." },
    number: {
      oneOf: [
        { type: 'string', maxLength: 64 },
        { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
      ],
      description: 'Phone number; a JSON number or a string (a leading + is kept).',
    },
  },
} as const;

const error = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'integer', example: 400 }, message: { type: 'string' } },
} as const;

/**
 * OpenAPI operation fields for `POST {webhookPath}`: request body and responses.
 * @publicApi
 */
export const CINNOX_WEBHOOK_OPENAPI = {
  summary: 'CINNOX call-event webhook (URL verification and call notifications)',
  requestBody: {
    required: true,
    content: {
      'application/json': {
        schema: {
          oneOf: [
            {
              title: 'Verification',
              type: 'object',
              required: ['challenge'],
              properties: { challenge: { type: 'string', minLength: 1, maxLength: 1024 } },
            },
            {
              title: 'Notification',
              type: 'object',
              required: ['message'],
              properties: {
                challenge: { type: 'string', maxLength: 1024 },
                message: {
                  type: 'object',
                  required: ['id', 'status', 'serviceId'],
                  properties: {
                    id: { type: 'string', minLength: 1, maxLength: 256 },
                    status: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 64,
                      example: 'CallStart',
                      description: 'CallStart, CallEnd, or another status (emitted as call.other).',
                    },
                    serviceId: { type: 'string', minLength: 1, maxLength: 256 },
                    caller: party,
                    callees: { oneOf: [party, { type: 'array', items: party }] },
                  },
                },
              },
            },
          ],
        },
      },
    },
  },
  responses: {
    '200': {
      description: 'Verified or accepted: `{ code: 0, result }`, `result.challenge` echoing the challenge when there is one.',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['code', 'result'],
            properties: { code: { type: 'integer', enum: [0] }, result: { type: 'object', properties: { challenge: { type: 'string' } } } },
          },
        },
      },
    },
    '400': { description: 'Invalid body', content: { 'application/json': { schema: error } } },
    '401': { description: 'Missing or wrong ?token= (with webhook.secret)', content: { 'application/json': { schema: error } } },
    '403': { description: 'Source not in webhook.allowedSources', content: { 'application/json': { schema: error } } },
    '413': { description: 'Body over webhook.bodyLimitBytes', content: { 'application/json': { schema: error } } },
    '415': { description: 'Content-Type is not JSON', content: { 'application/json': { schema: error } } },
    '503': { description: 'Dedupe store unavailable; deliver again', content: { 'application/json': { schema: error } } },
  },
} as const;
