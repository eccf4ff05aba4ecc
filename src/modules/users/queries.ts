// SQL for users: the presentable columns (never the hash), lookups, profile writes and people search.
import { and, eq, isNull, or, type Placeholder, type SQLWrapper, sql } from 'drizzle-orm';
import { profileColumnsFor } from '../../core/privacy.js';
import type { UserRow } from '../../core/user-row.js';
import type { Db, Executor } from '../../db/client.js';
import { preparedPerDatabase } from '../../db/prepared.js';
import { users } from '../../db/schema.js';

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

export type { UserRow } from '../../core/user-row.js';

/** The public columns of a user as `viewerId` may see them (photo and last seen per core/privacy.ts). */
export function publicUserColumnsFor(viewerId: string | SQLWrapper) {
  return {
    id: users.id,
    firstName: users.firstName,
    lastName: users.lastName,
    about: users.about,
    ...profileColumnsFor(viewerId, users),
  };
}

export type PublicUserRow = {
  id: string;
  firstName: string;
  lastName: string;
  about: string | null;
  profileImage: string | null;
  lastSeenAt: Date | null;
};

/** An active user's public profile as `viewerId` may see it. */
export async function findPublicUserFor(
  db: Executor,
  viewerId: string,
  userId: string,
): Promise<PublicUserRow | null> {
  const [user] = await db
    .select(publicUserColumnsFor(viewerId))
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
    .limit(1);
  return user ?? null;
}

function activeUserQuery(db: Executor, userId: string | Placeholder) {
  return db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
    .limit(1);
}

export async function findActiveUser(db: Executor, userId: string): Promise<UserRow | null> {
  const [user] = await activeUserQuery(db, userId);
  return user ?? null;
}

const activeUserStatement = preparedPerDatabase((db) =>
  activeUserQuery(db, sql.placeholder('userId')).prepare('active_user'),
);

/** findActiveUser outside a transaction, as a prepared statement: GET /users/me runs it on every call. */
export async function loadActiveUser(db: Db, userId: string): Promise<UserRow | null> {
  const [user] = await activeUserStatement(db).execute({ userId });
  return user ?? null;
}

export async function findActiveUserByEmail(db: Executor, email: string): Promise<UserRow | null> {
  const [user] = await db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.email, email), isNull(users.deactivatedAt)))
    .limit(1);
  return user ?? null;
}

/** The only read of a password hash outside login: to check a password the user typed again. */
export async function findPasswordHash(db: Executor, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
    .limit(1);
  return row?.passwordHash ?? null;
}

export async function markUserVerified(db: Executor, userId: string): Promise<UserRow | null> {
  const [user] = await db
    .update(users)
    .set({ isVerified: true, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
    .returning(userColumns);
  return user ?? null;
}

export async function setPassword(
  db: Executor,
  userId: string,
  passwordHash: string,
  options: { verified?: boolean } = {},
): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, updatedAt: sql`now()`, ...(options.verified ? { isVerified: true } : {}) })
    .where(eq(users.id, userId));
}

export interface ProfileChanges {
  firstName?: string;
  lastName?: string;
  phone?: string | null;
  about?: string | null;
}

export async function updateProfile(
  db: Executor,
  userId: string,
  changes: ProfileChanges,
): Promise<UserRow | null> {
  const [user] = await db
    .update(users)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
    .returning(userColumns);
  return user ?? null;
}

/** Deactivation keeps the row (messages still name their sender) but the account can never log in again. */
export async function deactivateUser(db: Executor, userId: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ deactivatedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Keyset position in the people search: lower(first name), lower(last name), id. */
export type UserSearchKey = [string, string, string];

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Active users whose first name or last name starts with `search` (case-insensitive), or whose
 * "first last" does (so "ada lo" finds Ada Lovelace), ordered by name. A search with an @ is an email
 * address and matches it exactly: a prefix of an email would let anyone spell addresses out letter by
 * letter. The prefix indexes on lower(first_name) and lower(last_name) and the unique email serve it.
 */
export async function searchActiveUsers(
  db: Executor,
  viewerId: string,
  options: { search: string; after: UserSearchKey | null; limit: number },
) {
  const firstLower = sql<string>`lower(${users.firstName})`;
  const lastLower = sql<string>`lower(${users.lastName})`;
  const term = options.search.trim().toLowerCase();
  const pattern = `${escapeLike(term)}%`;
  const matches = term.includes('@')
    ? eq(users.email, term)
    : or(
        sql`${firstLower} like ${pattern}`,
        sql`${lastLower} like ${pattern}`,
        sql`(${firstLower} || ' ' || ${lastLower}) like ${pattern}`,
      );
  const after = options.after
    ? sql`(${firstLower}, ${lastLower}, ${users.id}) > (${options.after[0]}, ${options.after[1]}, ${options.after[2]}::uuid)`
    : undefined;
  return db
    .select({ ...publicUserColumnsFor(viewerId), firstLower, lastLower })
    .from(users)
    .where(and(isNull(users.deactivatedAt), matches, after))
    .orderBy(firstLower, lastLower, users.id)
    .limit(options.limit);
}

export type UserSearchRow = Awaited<ReturnType<typeof searchActiveUsers>>[number];
