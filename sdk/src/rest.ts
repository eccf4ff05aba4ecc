// Typed REST calls from the generated OpenAPI types, and unwrapping of the server's envelope.
import createClient, { type Client } from 'openapi-fetch';
import { ApiError } from './errors.js';
import type { paths } from './generated/api.js';

export type ApiClient = Client<paths>;

/**
 * A typed REST client with no session of its own: for scripts, servers and benchmarks that hold a token
 * themselves (or need none). Apps want ChatClient, which adds login, refresh and real time.
 */
export function createApiClient(
  baseUrl: string,
  options: { token?: string; fetch?: (input: Request) => Promise<Response> } = {},
): ApiClient {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
  });
}

/** Unwraps an openapi-fetch answer: the envelope's `data`, or the error envelope thrown as ApiError. */
export async function unwrap<Body>(
  call: Promise<{ data?: Body; error?: unknown; response: Response }>,
): Promise<Body extends { data: infer T } ? T : null> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) throw ApiError.fromBody(response.status, error);
  return ((data as { data?: unknown }).data ?? null) as Body extends { data: infer T } ? T : null;
}
