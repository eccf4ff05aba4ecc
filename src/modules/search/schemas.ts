// Request and response schemas of message search: they validate, serialize and document.
import { Type } from '@sinclair/typebox';
import { Nullable, Uuid } from '../../http/envelope.js';
import { MessageSchema } from '../messages/schemas.js';

export const SearchMessagesQuery = Type.Object({
  q: Type.String({
    minLength: 1,
    maxLength: 200,
    description:
      'The words to find, 1 to 200 characters: every word must appear in the message, whole or as the ' +
      'start of a word, case and accents ignored (`cancion` finds `Canción`, `reun` finds `reunión`)',
  }),
  conversationId: Type.Optional(Uuid('Only this conversation (you must be a member: else 404)')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
});

export const SearchHitSchema = Type.Object(
  {
    message: MessageSchema,
    conversation: Type.Object(
      {
        id: Uuid(),
        type: Type.Union([Type.Literal('direct'), Type.Literal('group')]),
        title: Nullable(
          Type.String({ description: "The group's title; for a direct chat, the other person's name" }),
        ),
      },
      { title: 'SearchConversation' },
    ),
    snippet: Type.String({
      description:
        'Plain text around the first match, on one line, at most about 160 characters (… where it was ' +
        'cut), each matched word wrapped in <mark>…</mark> and everything else HTML-escaped',
    }),
  },
  { title: 'SearchHit' },
);
