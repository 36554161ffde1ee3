/**
 * A JSON Schema object as OpenAPI 3 uses it (`type`, `properties`, `required`, `oneOf`, `maxLength`, ...).
 * @publicApi
 */
export interface CinnoxJsonSchema {
  readonly [keyword: string]: unknown;
}

/**
 * One response of a webhook operation: its description and JSON body schema.
 * @publicApi
 */
export interface CinnoxOpenApiResponse {
  readonly description: string;
  readonly content: { readonly 'application/json': { readonly schema: CinnoxJsonSchema } };
}

/**
 * The OpenAPI 3 operation fields of one hook's `POST` route, as plain data (no @nestjs/swagger needed):
 * merge them into the operation your document has for the route.
 * @publicApi
 */
export interface CinnoxOpenApiOperation {
  readonly summary: string;
  readonly requestBody: {
    readonly required: true;
    readonly content: { readonly 'application/json': { readonly schema: CinnoxJsonSchema } };
  };
  /** 200 (`{ code: 0, result }`) and CINNOX's `{ code, message }` errors: 400, 401, 403, 413, 415 and 503. */
  readonly responses: Readonly<Record<'200' | '400' | '401' | '403' | '413' | '415' | '503', CinnoxOpenApiResponse>>;
}
