// User rules: own profile, password change, deactivation, people search and public profiles.
import type { AppContext } from '../../context.js';
import { publishDisconnect, publishUserChanged } from '../../core/events.js';
import { keysetPage } from '../../core/pagination.js';
import { InvalidCredentials, NotFound, ValidationFailed } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { retireAccountTokens, revokeSessions } from './account-queries.js';
import { passwordConfirmRule } from './limits.js';
import type { UserRow } from './present.js';
import {
  findPasswordHash,
  findPublicUserFor,
  loadActiveUser,
  type ProfileChanges,
  type PublicUserRow,
  searchActiveUsers,
  setPassword,
  type UserSearchKey,
  type UserSearchRow,
  updateProfile,
} from './queries.js';

export interface Caller {
  userId: string;
  sessionId: string;
}

export async function getActiveUser(ctx: AppContext, userId: string): Promise<UserRow> {
  const user = await loadActiveUser(ctx.db, userId);
  if (!user) throw new NotFound('User not found');
  return user;
}

/**
 * The caller's own row, from this process's cache when it has it (core/session-cache.ts): every write to a
 * user's row publishes `user-changed`, which clears the copies (here at once, elsewhere on arrival).
 */
export async function getOwnProfile(ctx: AppContext, userId: string): Promise<UserRow> {
  const cached = ctx.sessions.userRow(userId);
  if (cached) return cached;
  const version = ctx.sessions.version;
  const user = await getActiveUser(ctx, userId);
  ctx.sessions.rememberUserRow(user, version);
  return user;
}

/** Only these four fields can change here; email, isVerified, ids and roles never come from a body. */
export async function updateOwnProfile(
  ctx: AppContext,
  userId: string,
  input: ProfileChanges,
): Promise<UserRow> {
  const changes: ProfileChanges = {};
  if (input.firstName !== undefined) changes.firstName = input.firstName.trim();
  if (input.lastName !== undefined) changes.lastName = input.lastName.trim();
  if (input.phone !== undefined) changes.phone = input.phone?.trim() || null;
  if (input.about !== undefined) changes.about = input.about?.trim() || null;
  if (Object.keys(changes).length === 0) return getActiveUser(ctx, userId);
  const user = await updateProfile(ctx.db, userId, changes);
  if (!user) throw new NotFound('User not found');
  await publishUserChanged(ctx, userId);
  return user;
}

/**
 * A wrong password typed by a signed-in user is 401 INVALID_CREDENTIALS, as at login: the code, not the
 * status, tells it apart from a session problem (UNAUTHENTICATED, TOKEN_EXPIRED), and the session stays.
 */
export async function confirmPassword(ctx: AppContext, userId: string, password: string): Promise<void> {
  const failures = passwordConfirmRule(ctx);
  await ctx.rateLimiter.enforce(failures, userId);
  const passwordHash = await findPasswordHash(ctx.db, userId);
  if (!passwordHash) throw new NotFound('User not found');
  if (!(await verifyPassword(passwordHash, password))) {
    throw new InvalidCredentials('The current password is incorrect');
  }
  await ctx.rateLimiter.reset(failures, userId);
}

/** Changes the password and logs out every other session; the caller's own session keeps working. */
export async function changePassword(
  ctx: AppContext,
  caller: Caller,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  await confirmPassword(ctx, caller.userId, input.currentPassword);
  const passwordHash = await hashPassword(input.newPassword);
  const revoked = await ctx.db.transaction(async (tx) => {
    await setPassword(tx, caller.userId, passwordHash);
    // A recovery link mailed before the change must not undo it.
    await retireAccountTokens(tx, caller.userId, 'reset_password');
    return revokeSessions(tx, caller.userId, { except: caller.sessionId });
  });
  for (const sessionId of revoked) {
    await publishDisconnect(ctx, { userId: caller.userId, sessionId }, 'password_changed');
  }
}

/** Someone's public profile as the caller may see it; 404 for unknown or deactivated accounts. */
export async function getPublicUser(
  ctx: AppContext,
  viewerId: string,
  userId: string,
): Promise<PublicUserRow> {
  const user = await findPublicUserFor(ctx.db, viewerId, userId);
  if (!user) throw new NotFound('User not found');
  return user;
}

export async function searchUsers(
  ctx: AppContext,
  viewerId: string,
  query: { search: string; limit?: number; cursor?: string },
): Promise<{ items: PublicUserRow[]; nextCursor: string | null }> {
  // An empty search would list every account.
  if (query.search.trim() === '') {
    throw new ValidationFailed('search must not be empty', [
      { field: 'search', message: 'must not be empty' },
    ]);
  }
  return keysetPage<UserSearchRow, UserSearchKey>({
    cursor: query.cursor,
    limit: query.limit ?? 50,
    shape: ['string', 'string', 'string'],
    valid: (key) => isUuid(key[2]),
    fetch: (after, limit) => searchActiveUsers(ctx.db, viewerId, { search: query.search, after, limit }),
    keyOf: (row) => [row.firstLower, row.lastLower, row.id],
  });
}
