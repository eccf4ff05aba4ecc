// Request and response schemas of the message routes: they validate, serialize and document.
import { type TSchema, Type } from '@sinclair/typebox';
import { AttachmentSchema, MAX_ATTACHMENTS_PER_MESSAGE } from '../../core/attachments.js';
import { Nullable, Timestamp, Uuid } from '../../http/envelope.js';

export const MessageParams = Type.Object({ conversationId: Uuid(), messageId: Uuid() });

export const ConversationParams = Type.Object({ conversationId: Uuid() });

export const SendMessageBody = Type.Object({
  content: Type.Optional(
    Type.String({
      maxLength: 8192,
      description:
        'Text, 1 to 4096 characters after trimming (leading and trailing whitespace is dropped). Optional ' +
        'with attachmentIds: then it is the caption, and a blank one is no caption.',
    }),
  ),
  attachmentIds: Type.Optional(
    Type.Array(Uuid(), {
      minItems: 1,
      maxItems: MAX_ATTACHMENTS_PER_MESSAGE,
      uniqueItems: true,
      description:
        'Your own uploads to this conversation (POST /conversations/:id/attachments), in the order to ' +
        'show them. Each upload goes into one message; forwarding shares it. Anything else is 404.',
    }),
  ),
  clientMessageId: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description:
        'Your own id for this message (e.g. a local uuid). Sending again with the same value returns the ' +
        'first message with 200 instead of creating a second copy; it is echoed in message.created.',
    }),
  ),
  replyToId: Type.Optional(Uuid('A message of this conversation that you can see')),
});

/** Nullable, with a description on the union itself so the OpenAPI document shows it. */
const NullableWith = <T extends TSchema>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

const Cursor = (description: string) => Type.String({ maxLength: 200, description });

export const EditMessageBody = Type.Object({
  content: Type.String({
    minLength: 1,
    maxLength: 8192,
    description: 'The new text, 1 to 4096 characters after trimming, like a sent message',
  }),
});

export const ReactionBody = Type.Object({
  emoji: Type.String({
    minLength: 1,
    maxLength: 64,
    description:
      'Exactly one emoji: one grapheme that Unicode lists as an emoji, skin tones, flags and ZWJ sequences ' +
      '(👍🏽, 👨‍👩‍👧) included; a symbol without its emoji selector (❤) counts as its emoji form (❤️). ' +
      'Anything else is 422.',
  }),
});

export const ListMessagesQuery = Type.Object({
  before: Type.Optional(Cursor('Older than this cursor (a nextCursor obtained while paging backwards)')),
  after: Type.Optional(Cursor('Newer than this cursor (a nextCursor obtained while paging forwards)')),
  cursor: Type.Optional(Cursor('Same as `before`, for generic paginators')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});

export const DeleteMessageQuery = Type.Object({
  scope: Type.Optional(
    Type.Union([Type.Literal('everyone'), Type.Literal('me')], {
      default: 'everyone',
      description: '`everyone` (default): erase it for all, leaving a tombstone; `me`: hide it for me only',
    }),
  ),
});

export const ForwardBody = Type.Object({
  conversationIds: Type.Array(Uuid(), {
    minItems: 1,
    maxItems: 5,
    uniqueItems: true,
    description: '1 to 5 distinct conversations you are a member of',
  }),
});

export const ReadBody = Type.Object({
  messageId: Uuid('Everything up to and including this message becomes read'),
});

export const ChangesQuery = Type.Object({
  since: Type.Optional(
    Type.String({ maxLength: 200, description: 'The syncCursor you stored last time (or a nextCursor)' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});

export const MessageStatusSchema = Type.Union(
  [Type.Literal('sent'), Type.Literal('delivered'), Type.Literal('read')],
  {
    title: 'MessageStatus',
  },
);

export const ReplyToSchema = Type.Object(
  {
    id: Uuid(),
    senderId: Uuid(),
    preview: Nullable(Type.String({ description: 'The first 100 characters; null when it was deleted' })),
    deleted: Type.Boolean(),
  },
  { title: 'ReplyTo' },
);

export const ForwardedSchema = Type.Object(
  {
    count: Type.Integer({
      minimum: 1,
      description: 'Hops from the original; 5 or more reads as "forwarded many times"',
    }),
    originalSentAt: Timestamp('When the original message was sent'),
  },
  { title: 'Forwarded' },
);

export const ReactionSummarySchema = Type.Object(
  {
    emoji: Type.String(),
    count: Type.Integer({ minimum: 1, description: 'Members who reacted with it' }),
    me: Type.Boolean({ description: 'Whether you are among them' }),
  },
  { title: 'ReactionSummary' },
);

export const MessageSchema = Type.Object(
  {
    id: Uuid(),
    conversationId: Uuid(),
    seq: Type.Integer({ description: 'Position in the conversation: total and gap-free, 1, 2, 3, ...' }),
    senderId: Uuid(),
    content: Nullable(
      Type.String({
        description:
          'Null when deleted for everyone, or for attachments without a caption; the current text once edited',
      }),
    ),
    attachments: Type.Array(AttachmentSchema, {
      description: 'Photos, voice notes, videos and files, in order (empty on a tombstone)',
    }),
    createdAt: Timestamp(),
    editedAt: NullableWith(Timestamp(), 'When its sender last edited it; null if never'),
    replyTo: NullableWith(
      ReplyToSchema,
      'Null when it is not a reply, or when you may not see the replied message',
    ),
    forwarded: Nullable(ForwardedSchema),
    deleted: Type.Boolean({ description: 'Deleted for everyone: a tombstone, content is null' }),
    clientMessageId: Nullable(
      Type.String({ description: "The sender's clientMessageId; only on your own messages" }),
    ),
    status: NullableWith(
      MessageStatusSchema,
      "Your own messages only (null on others'): `read` or `delivered` once every other member who could " +
        'see it has read or received it, else `sent`',
    ),
    reactions: Type.Array(ReactionSummarySchema, {
      description:
        'One entry per emoji members reacted with (one reaction per member), most used first; empty on a ' +
        'tombstone',
    }),
  },
  { title: 'Message' },
);

export const ForwardResultSchema = Type.Object({ items: Type.Array(MessageSchema) });

export const DeleteResultSchema = Type.Object(
  {
    messageId: Uuid(),
    scope: Type.Union([Type.Literal('everyone'), Type.Literal('me')]),
  },
  { title: 'DeletedMessage' },
);

const ReceiptSchema = Type.Object({ userId: Uuid(), at: Nullable(Timestamp()) }, { title: 'Receipt' });

export const ReceiptsSchema = Type.Object(
  {
    deliveredTo: Type.Array(ReceiptSchema, {
      description: 'Members (other than the sender) who received it',
    }),
    readBy: Type.Array(ReceiptSchema, { description: 'Members (other than the sender) who read it' }),
  },
  { title: 'Receipts' },
);

export const ReadResultSchema = Type.Object(
  {
    unreadCount: Type.Integer({ description: 'Visible messages from others after your read marker' }),
    lastReadMessageId: Nullable(Uuid()),
  },
  { title: 'ReadState' },
);

export const ReadStateSchema = Type.Object(
  {
    userId: Uuid(),
    lastReadMessageId: Nullable(Uuid()),
    lastDeliveredMessageId: Nullable(Uuid()),
    readAt: Nullable(Timestamp()),
    deliveredAt: Nullable(Timestamp()),
    withheldMessageIds: Type.Array(Uuid(), {
      description:
        "Your messages this member's markers have passed that never reached them (sent while they had " +
        'blocked you): they stay `sent`, so do not count this member for them when you work out ticks. ' +
        'Empty except in a direct chat after an unblock.',
    }),
  },
  { title: 'MemberReadState' },
);

export const ChangesSchema = Type.Object(
  {
    items: Type.Array(MessageSchema, {
      description:
        'Messages created, edited, reacted to or deleted (as tombstones) since the cursor, oldest change first',
    }),
    hiddenMessageIds: Type.Array(Type.String({ format: 'uuid' }), {
      description: 'Messages you deleted for yourself (from another device) since the cursor: remove them',
    }),
    readStates: Type.Array(ReadStateSchema, {
      description: "Every member's current read and delivered markers",
    }),
    nextCursor: Nullable(Type.String({ description: 'More changes: call again with since=nextCursor' })),
    syncCursor: Type.String({ description: 'Store it; pass it as `since` on your next sync' }),
  },
  { title: 'Changes' },
);
