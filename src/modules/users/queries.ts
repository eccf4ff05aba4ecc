// SQL for users: the presentable columns (never the hash) and lookups by id.
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../../db/schema.js';
import type { UserRow } from './present.js';

/** Select these instead of the whole row, so a password hash is never even loaded. */
export const userColumns = {
  id: users.id,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  phone: users.phone,
  about: users.about,
  isVerified: users.isVerified,
  profileImage: users.profileImage,
  lastSeenAt: users.lastSeenAt,
  createdAt: users.createdAt,
};

export async function findActiveUser(db: Executor, userId: string): Promise<UserRow | null> {
  const [user] = await db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
    .limit(1);
  return user ?? null;
}
