import { parseJsonOrText } from './parse-json-or-text.js';

/** An answer of the sample's admin routes: status, the Next-Cursor header, the body parsed. */
export interface AdminAnswer {
  status: number;
  nextCursor: string | null;
  body: any;
}

/** Calls `path` of the sample at `url` with `Authorization: Bearer <token>` (none when `token` is undefined). */
export async function adminRequest(
  url: string,
  path: string,
  { token, method = 'GET', body }: { token?: string; method?: string; body?: unknown } = {},
): Promise<AdminAnswer> {
  const headers: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, nextCursor: response.headers.get('next-cursor'), body: parseJsonOrText(await response.text()) };
}
