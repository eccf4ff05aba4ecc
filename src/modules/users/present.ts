// Rows -> API shapes. The only way a user leaves the server: no hash or secret can slip into a response.
import { Type } from '@sinclair/typebox';
import { Nullable, Timestamp, Uuid } from '../../http/envelope.js';
import type { UserRow } from './queries.js';

export type { UserRow } from './queries.js';

import { ImageSchema, presentImage } from '../../core/image-urls.js';

export const PublicUserSchema = Type.Object(
  {
    id: Uuid(),
    firstName: Type.String(),
    lastName: Type.String(),
    about: Nullable(Type.String()),
    profileImage: ImageSchema,
    lastSeenAt: Nullable(Timestamp()),
  },
  { title: 'PublicUser' },
);

export const SelfUserSchema = Type.Object(
  {
    id: Uuid(),
    email: Type.String({ format: 'email' }),
    firstName: Type.String(),
    lastName: Type.String(),
    phone: Nullable(Type.String()),
    about: Nullable(Type.String()),
    isVerified: Type.Boolean(),
    profileImage: ImageSchema,
    lastSeenAt: Nullable(Timestamp()),
    createdAt: Timestamp(),
  },
  { title: 'User' },
);

/**
 * The profile others see. Pass a row read with the viewer's privacy applied (publicUserColumnsFor):
 * the photo and last seen are then already null where the viewer may not see them.
 */
export function presentPublicUser(user: Omit<UserRow, 'email' | 'phone' | 'isVerified' | 'createdAt'>) {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    about: user.about,
    profileImage: presentImage(user.profileImage),
    lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
  };
}

/** Every field written out: spreading presentPublicUser and adding to it cost ten times as much here. */
export function presentSelf(user: UserRow) {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    about: user.about,
    profileImage: presentImage(user.profileImage),
    lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
    email: user.email,
    phone: user.phone,
    isVerified: user.isVerified,
    createdAt: user.createdAt.toISOString(),
  };
}

export const BlockedUserSchema = Type.Object(
  { user: PublicUserSchema, blockedAt: Timestamp() },
  { title: 'BlockedUser' },
);

export function presentBlocked(row: {
  user: Omit<UserRow, 'email' | 'phone' | 'isVerified' | 'createdAt'>;
  blockedAt: Date;
}) {
  return { user: presentPublicUser(row.user), blockedAt: row.blockedAt.toISOString() };
}
