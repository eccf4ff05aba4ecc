// Thin helpers over app.inject: JSON in, the envelope out, with an optional bearer token.
import type { FastifyInstance } from 'fastify';

export interface Envelope<T = any> {
  error: boolean;
  status: number;
  message: string;
  code?: string;
  details?: { field: string; message: string }[];
  data: T;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Envelope<T>;
}

export async function api<T = any>(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await app.inject({
    method,
    url,
    headers,
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
  let body: Envelope<T>;
  try {
    body = response.json() as Envelope<T>;
  } catch {
    throw new Error(
      `${method} ${url} answered ${response.statusCode} with a non-JSON body: ${response.body}`,
    );
  }
  return { status: response.statusCode, headers: response.headers, body };
}
