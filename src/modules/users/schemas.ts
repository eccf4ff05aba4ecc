// Request schemas of the users routes (response shapes live in present.ts).
import { Type } from '@sinclair/typebox';
import { Nullable, PaginationQuery, Uuid } from '../../http/envelope.js';

export const NewPassword = Type.String({ minLength: 8, maxLength: 128, description: '8 to 128 characters' });
export const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
export const Phone = Type.String({
  pattern: '^\\+?[0-9 ()-]{6,20}$',
  description: 'Digits, spaces, ()-, optional +',
});

/** additionalProperties: false with Ajv's removeAdditional drops unknown fields: isVerified, role, id... */
export const UpdateProfileBody = Type.Object(
  {
    firstName: Type.Optional(Name),
    lastName: Type.Optional(Name),
    phone: Type.Optional(Nullable(Phone)),
    about: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'Up to 500 characters' }))),
  },
  { additionalProperties: false, description: 'Only the fields sent change; null clears phone or about' },
);

export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 128 }),
  newPassword: NewPassword,
});

export const DeleteAccountBody = Type.Object({
  password: Type.String({ minLength: 1, maxLength: 128, description: 'The current password, to confirm' }),
});

export const UserSearchQuery = Type.Object({
  search: Type.String({
    minLength: 1,
    maxLength: 100,
    description:
      'A prefix of the first name, last name or "first last", or a whole email address (case-insensitive); ' +
      'never part of an email',
  }),
  ...PaginationQuery,
});

export const UserParams = Type.Object({ userId: Uuid() });

const AudienceSchema = Type.Union(
  [Type.Literal('everyone'), Type.Literal('contacts'), Type.Literal('nobody')],
  {
    title: 'PrivacyAudience',
    description: 'everyone, contacts (people I share a direct chat with) or nobody',
  },
);
const GroupAddSchema = Type.Union([Type.Literal('everyone'), Type.Literal('contacts')], {
  title: 'GroupAddAudience',
  description: 'Who may add me to a group: everyone, or only contacts (others can send an invite link)',
});

export const PrivacySchema = Type.Object(
  {
    lastSeen: AudienceSchema,
    profilePhoto: AudienceSchema,
    readReceipts: Type.Boolean({
      description:
        'false: no read receipts either way in direct chats (delivered still shows); groups keep them',
    }),
    groupAdd: GroupAddSchema,
  },
  { title: 'Privacy' },
);

export const UpdatePrivacyBody = Type.Object(
  {
    lastSeen: Type.Optional(AudienceSchema),
    profilePhoto: Type.Optional(AudienceSchema),
    readReceipts: Type.Optional(Type.Boolean()),
    groupAdd: Type.Optional(GroupAddSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const BlockedQuery = Type.Object(PaginationQuery);
