/** Reads CINNOX's `{ code, message }` error body, keeping whichever half is well-typed. */
export function parseErrorBody(body: unknown): { code?: number; message?: string } {
  if (!isRecord(body)) return {};
  return {
    code: typeof body.code === 'number' ? body.code : undefined,
    message: typeof body.message === 'string' ? body.message : undefined,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
