// Responses are written from the serializer's reading of the route schemas (src/http/serializer-schema.ts):
// the same JSON as from the schemas as written, without validating each "X or null" value on the way out.
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { TSchema } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { Envelope, Page } from '../../src/http/envelope.js';
import { serializerSchema } from '../../src/http/serializer-schema.js';
import { ConversationSummarySchema } from '../../src/modules/conversations/schemas.js';
import { SelfUserSchema } from '../../src/modules/users/present.js';

const compile = (schema: unknown) =>
  (
    SerializerSelector as unknown as () => (
      a: object,
      b: object,
    ) => (route: object) => (data: unknown) => string
  )()(
    {},
    {},
  )({ schema, method: 'GET', url: '/', httpStatus: '200' });

/** Both serializers of `schema`, and what each writes for `data`. */
function writeBoth(schema: TSchema, data: unknown) {
  return {
    asWritten: compile(JSON.parse(JSON.stringify(schema)))(data),
    rewritten: compile(serializerSchema(schema))(data),
  };
}

const conversation = (over: Record<string, unknown>) => ({
  id: '00000000-0000-4000-8000-000000000001',
  type: 'direct',
  title: null,
  description: null,
  image: null,
  createdAt: '2026-01-02T03:04:05.678Z',
  updatedAt: '2026-01-02T03:04:05.678Z',
  participantCount: 2,
  lastMessage: null,
  unreadCount: 0,
  myRole: 'member',
  otherUser: null,
  syncCursor: 'WzFd',
  settings: { pinned: false, archived: false, mutedUntil: null },
  ...over,
});

describe('the serializer reading of response schemas', () => {
  it('writes a page of conversations exactly as the schema as written does, nulls and all', () => {
    const page = {
      error: false,
      status: 200,
      message: 'ok',
      data: {
        nextCursor: null,
        items: [
          conversation({}),
          conversation({
            type: 'group',
            title: 'A "quoted" title',
            description: 'Line\nbreak',
            image: { url: '/media/a-640.webp', thumbnailUrl: '/media/a-160.webp' },
            lastMessage: {
              id: '00000000-0000-4000-8000-000000000002',
              senderId: '00000000-0000-4000-8000-000000000003',
              content: null,
              attachmentCount: 1,
              createdAt: '2026-01-02T03:04:05.678Z',
              deleted: false,
            },
            otherUser: {
              id: '00000000-0000-4000-8000-000000000003',
              firstName: 'Ana',
              lastName: 'Núñez',
              about: null,
              profileImage: null,
              lastSeenAt: '2026-01-02T03:04:05.678Z',
            },
            settings: { pinned: true, archived: false, mutedUntil: 'forever' },
          }),
          conversation({
            settings: { pinned: false, archived: true, mutedUntil: '2026-02-01T00:00:00.000Z' },
          }),
        ],
      },
    };
    const { asWritten, rewritten } = writeBoth(Envelope(Page(ConversationSummarySchema)), page);
    expect(rewritten).toBe(asWritten);
    expect(JSON.parse(rewritten)).toEqual(page);
  });

  it('writes my own profile as before, with and without the optional parts', () => {
    const me = {
      id: '00000000-0000-4000-8000-000000000001',
      email: 'ana@example.com',
      firstName: 'Ana',
      lastName: 'B',
      phone: null,
      about: 'hi',
      isVerified: true,
      profileImage: null,
      lastSeenAt: null,
      createdAt: '2026-01-02T03:04:05.678Z',
    };
    for (const data of [me, { ...me, phone: '+34 600', profileImage: { url: 'u', thumbnailUrl: 't' } }]) {
      const { asWritten, rewritten } = writeBoth(SelfUserSchema, data);
      expect(rewritten).toBe(asWritten);
    }
  });

  it('leaves the value checks of nullable objects and string choices out, and other unions as they are', () => {
    const rewritten = serializerSchema(ConversationSummarySchema) as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(rewritten.properties.lastMessage).toMatchObject({ type: 'object', nullable: true });
    expect(rewritten.properties.lastMessage).not.toHaveProperty('anyOf');
    expect(rewritten.properties.type).toEqual({ type: 'string' });
    const union = { anyOf: [{ type: 'object', properties: {} }, { type: 'array' }] };
    expect(serializerSchema(union)).toEqual(union);
  });
});
