// Request and response schemas of the /conversations routes: they validate, serialize and document.
import { Type } from '@sinclair/typebox';
import { ImageSchema } from '../../core/image-urls.js';
import { Nullable, PaginationQuery, Timestamp, Uuid } from '../../http/envelope.js';
import { PublicUserSchema } from '../users/present.js';

export const RoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')], {
  title: 'Role',
});

const Title = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '\\S',
  description: '1 to 100 characters',
});
const Description = Type.String({ maxLength: 1000, description: 'Up to 1000 characters' });

export const CreateConversationBody = Type.Object({
  type: Type.Union([Type.Literal('direct'), Type.Literal('group')]),
  participantIds: Type.Array(Uuid(), {
    maxItems: 200,
    uniqueItems: true,
    description: 'The other members: exactly one user for a direct chat, any number for a group',
  }),
  title: Type.Optional(Title),
  description: Type.Optional(Nullable(Description)),
});

export const UpdateConversationBody = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(Nullable(Description)),
  },
  { minProperties: 1 },
);

export const ConversationParams = Type.Object({ conversationId: Uuid() });

export const ParticipantParams = Type.Object({ conversationId: Uuid(), userId: Uuid() });

export const AddParticipantBody = Type.Object({ userId: Uuid() });

export const UpdateRoleBody = Type.Object({
  role: Type.Union([Type.Literal('admin'), Type.Literal('member')]),
});

export const ListConversationsQuery = Type.Object({
  ...PaginationQuery,
  archived: Type.Optional(
    Type.Boolean({ description: 'true: only my archived chats; false or absent: every other chat' }),
  ),
});

export const MutedUntil = Nullable(
  Type.Union([Type.Literal('forever'), Timestamp()], {
    description: 'Muted until this time, or "forever"; null: not muted',
  }),
);

export const ChatSettingsSchema = Type.Object(
  {
    pinned: Type.Boolean({ description: 'Pinned chats come first in my list, the latest pinned first' }),
    archived: Type.Boolean({ description: 'Left out of my default list; a new message does not change it' }),
    mutedUntil: MutedUntil,
  },
  { title: 'ChatSettings' },
);

export const UpdateChatSettingsBody = Type.Object(
  {
    pinned: Type.Optional(Type.Boolean()),
    archived: Type.Optional(Type.Boolean()),
    mutedUntil: Type.Optional(MutedUntil),
  },
  { minProperties: 1 },
);

export const LastMessageSchema = Type.Object(
  {
    id: Uuid(),
    senderId: Uuid(),
    content: Nullable(
      Type.String({ description: 'Null when deleted for everyone, or for attachments without a caption' }),
    ),
    attachmentCount: Type.Integer({
      description: 'How many attachments it carries (say "photo" for one without a caption); 0 when deleted',
    }),
    createdAt: Timestamp(),
    deleted: Type.Boolean(),
  },
  { title: 'LastMessage' },
);

const conversationFields = {
  id: Uuid(),
  type: Type.Union([Type.Literal('direct'), Type.Literal('group')]),
  title: Nullable(Type.String()),
  description: Nullable(Type.String()),
  image: ImageSchema,
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
  participantCount: Type.Integer(),
};

export const ConversationSummarySchema = Type.Object(
  {
    ...conversationFields,
    lastMessage: Nullable(LastMessageSchema),
    unreadCount: Type.Integer({ description: 'Visible messages from others after my read marker' }),
    myRole: RoleSchema,
    /** Direct chats: the other person; null for groups. */
    otherUser: Nullable(PublicUserSchema),
    syncCursor: Type.String({
      description:
        'Opaque: changes whenever anything in the conversation changes (messages, deletions, receipts); ' +
        'pass it as `since` to GET /conversations/:id/changes',
    }),
    settings: ChatSettingsSchema,
  },
  { title: 'ConversationSummary' },
);

export const ParticipantSchema = Type.Object(
  {
    userId: Uuid(),
    role: RoleSchema,
    joinedAt: Timestamp(),
    user: PublicUserSchema,
  },
  { title: 'Participant' },
);

export const ConversationDetailsSchema = Type.Object(
  { ...ConversationSummarySchema.properties, participants: Type.Array(ParticipantSchema) },
  { title: 'Conversation' },
);
