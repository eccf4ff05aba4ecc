// Thin helpers over app.inject: JSON in, the envelope out, with an optional bearer token. The body's `data`
// is typed from the OpenAPI document (the SDK's generated types) by the method and the URL: a concrete URL
// such as `/api/v1/conversations/${id}/messages?limit=5` is matched to its route
// (`/api/v1/conversations/{conversationId}/messages`), so call sites need no type arguments.
import type { FastifyInstance } from 'fastify';
import type { paths } from '../../sdk/src/generated/api.js';
import { type FilePart, multipartBody } from './multipart.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A route as the OpenAPI document writes it, e.g. `/api/v1/conversations/{conversationId}`. */
export type Route = keyof paths;

type Segments<S extends string> = S extends `${infer Head}/${infer Rest}` ? [Head, ...Segments<Rest>] : [S];

/** Whether a URL's segments fill a route's: literal segments equal, each `{param}` any non-empty text. */
type Fills<R extends string[], U extends string[]> = R extends [
  infer RHead extends string,
  ...infer RRest extends string[],
]
  ? U extends [infer UHead extends string, ...infer URest extends string[]]
    ? RHead extends `{${string}}`
      ? UHead extends ''
        ? false
        : Fills<RRest, URest>
      : UHead extends RHead
        ? Fills<RRest, URest>
        : false
    : false
  : U extends []
    ? true
    : false;

/** The path of a URL: no query string, no trailing slash (the server routes `/x/` as `/x`). */
type PathPart<U extends string> = U extends `${infer Path}?${string}`
  ? PathPart<Path>
  : U extends `${infer Path}/`
    ? Path extends ''
      ? U
      : Path
    : U;

/**
 * The route a concrete URL (literal or template-literal type, query string allowed) is an instance of; a
 * route written out exactly wins over one with parameters (`/users/me` over `/users/{userId}`). `never` when
 * the URL's type is plain `string`.
 */
export type RouteOf<U extends string> =
  PathPart<U> extends Route
    ? PathPart<U>
    : { [R in Route]: Fills<Segments<R>, Segments<PathPart<U>>> extends true ? R : never }[Route];

type OperationOf<M extends Method, R> = R extends Route
  ? NonNullable<paths[R][Lowercase<M> & keyof paths[R]]>
  : never;

type JsonOf<Response> = Response extends { content: { 'application/json': infer Json } } ? Json : never;

/** The union of `data` over an operation's answers (only the readiness check has data on an error). */
type DataOf<Operation> = Operation extends { responses: infer Responses }
  ? { [S in keyof Responses]: JsonOf<Responses[S]> extends { data: infer D } ? D : never }[keyof Responses]
  : never;

/** What `data` holds in the answer to `method url`: `unknown` when the URL matches no documented route. */
export type ResponseData<M extends Method, U extends string> =
  DataOf<OperationOf<M, RouteOf<U>>> extends infer D ? ([D] extends [never] ? unknown : D) : never;

export interface Envelope<T> {
  error: boolean;
  status: number;
  message: string;
  code?: string;
  details?: { field: string; message: string }[];
  data: T;
}

export interface ApiResponse<T> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Envelope<T>;
}

export interface ApiOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** A JSON body. */
  body?: unknown;
  /** A multipart/form-data body with this one file (instead of `body`). */
  file?: FilePart;
  headers?: Record<string, string>;
}

export async function api<M extends Method, U extends string>(
  app: FastifyInstance,
  method: M,
  url: U,
  options: ApiOptions = {},
): Promise<ApiResponse<ResponseData<M, U>>> {
  const multipart = options.file ? multipartBody(options.file) : null;
  const headers: Record<string, string> = { ...multipart?.headers, ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const payload = multipart ? multipart.payload : (options.body as object | undefined);
  const response = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
  let body: Envelope<ResponseData<M, U>>;
  try {
    body = response.json<Envelope<ResponseData<M, U>>>();
  } catch {
    throw new Error(
      `${method} ${url} answered ${response.statusCode} with a non-JSON body: ${response.body}`,
    );
  }
  return { status: response.statusCode, headers: response.headers, body };
}

/** A plain GET of a file (media, attachments): status, headers and the bytes. */
export async function fetchFile(
  app: FastifyInstance,
  url: string,
  options: { token?: string; range?: string } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  bytes: Buffer;
}> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.range) headers.range = options.range;
  const response = await app.inject({ method: 'GET', url, headers });
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload };
}

/** An operation in the server's OpenAPI document: the parts tests read. */
export interface DocumentedOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  responses: Record<string, unknown>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', DocumentedOperation>>>;
}

/** The OpenAPI document the app publishes at /api/v1/openapi.json (throws unless 200). */
export async function openApiDocument(app: FastifyInstance): Promise<OpenApiDocument> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  if (response.statusCode !== 200) throw new Error(`openapi.json answered ${response.statusCode}`);
  return response.json<OpenApiDocument>();
}
