// The one JSON envelope every response uses, and the TypeBox schemas that document and serialize it.
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { UUID_PATTERN } from '../lib/ids.js';

/** The content type of every JSON answer (what Fastify sets for a serialised reply). */
export const JSON_UTF8 = 'application/json; charset=utf-8';

/** Wraps a successful result; the route's response schema serializes it. */
export function ok<T>(reply: FastifyReply, message: string, data: T, status = 200) {
  reply.code(status);
  return { error: false as const, status, message, data };
}

export const Envelope = <T extends TSchema>(data: T) =>
  Type.Object({
    error: Type.Literal(false),
    status: Type.Integer({ examples: [200] }),
    message: Type.String(),
    data,
  });

export const ErrorEnvelope = Type.Object(
  {
    error: Type.Literal(true),
    status: Type.Integer({ examples: [404] }),
    message: Type.String(),
    code: Type.String({ examples: ['NOT_FOUND'] }),
    details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'ErrorEnvelope', title: 'Error' },
);

/** Cursor pages: `nextCursor` is opaque; null means there is nothing more. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

const ERROR_REF = Type.Ref('ErrorEnvelope');

/**
 * Response schemas for a route: its success shapes plus the documented error statuses, which all
 * share the error envelope.
 */
export function responses(success: Record<number, TSchema>, errors: number[] = []) {
  const out: Record<number, TSchema> = { ...success };
  for (const status of [...new Set([422, 429, 500, ...errors])]) out[status] = ERROR_REF;
  return out;
}

export const PaginationQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
};

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

// The pattern on top of the format: Ajv's uuid format also admits the `urn:uuid:` form, which
// PostgreSQL rejects (a 500 instead of a 422).
export const Uuid = (description?: string) =>
  Type.String({ format: 'uuid', pattern: UUID_PATTERN, description });

export const Timestamp = (description?: string) => Type.String({ format: 'date-time', description });

export const bearerAuth = [{ bearerAuth: [] }];
