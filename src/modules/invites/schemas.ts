// Request and response schemas of the invite-link routes.
import { Type } from '@sinclair/typebox';
import { ImageSchema } from '../../core/image-urls.js';
import { Nullable, PaginationQuery, Timestamp, Uuid } from '../../http/envelope.js';

export const CreateInviteBody = Type.Object({
  expiresAt: Type.Optional(
    Timestamp('When the link stops working: in the future, at most INVITE_MAX_TTL ahead (the default)'),
  ),
  // Not nullable on purpose: with type coercion on, a 0 would be coerced to null ("no limit").
  maxUses: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100_000, description: 'How many people may join; absent: no limit' }),
  ),
});

export const GroupInvitesParams = Type.Object({ conversationId: Uuid() });

export const GroupInviteParams = Type.Object({
  conversationId: Uuid(),
  code: Type.String({ minLength: 1, maxLength: 200 }),
});

export const InviteCodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 200 }) });

export const ListInvitesQuery = Type.Object(PaginationQuery);

export const InviteSchema = Type.Object(
  {
    code: Type.String({ description: 'At least 128 random bits, URL-safe' }),
    url: Type.String({ description: 'PUBLIC_URL/join/<code>' }),
    conversationId: Uuid(),
    expiresAt: Timestamp(),
    maxUses: Nullable(Type.Integer()),
    uses: Type.Integer(),
    createdAt: Timestamp(),
    createdBy: Uuid(),
    revokedAt: Nullable(Timestamp()),
  },
  { title: 'Invite' },
);

export const InvitePreviewSchema = Type.Object(
  {
    conversationId: Uuid(),
    title: Type.String(),
    description: Nullable(Type.String()),
    image: ImageSchema,
    memberCount: Type.Integer(),
    isMember: Type.Boolean({ description: 'True when the caller already belongs to the group' }),
    expiresAt: Timestamp(),
  },
  { title: 'InvitePreview' },
);
