// SQL for sessions, refresh tokens and mailed account tokens.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { accountTokens, refreshTokens, sessions, users } from '../../db/schema.js';

export type AccountTokenPurpose = 'verify_email' | 'reset_password';

/**
 * Ends live sessions of a user: one (`only`), all but one (`except`), or all. Returns the ids it ended,
 * so their sockets can be closed after the commit.
 */
export async function revokeSessions(
  db: Executor,
  userId: string,
  which: { only?: string; except?: string } = {},
): Promise<string[]> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        which.only ? eq(sessions.id, which.only) : undefined,
        which.except ? ne(sessions.id, which.except) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}

/** The refresh token with its session and user, row-locked so two uses of one token are serialized. */
export async function lockRefreshToken(tx: Executor, tokenHash: string) {
  const [row] = await tx
    .select({
      sessionId: refreshTokens.sessionId,
      expiresAt: refreshTokens.expiresAt,
      usedAt: refreshTokens.usedAt,
      userId: sessions.userId,
      sessionRevokedAt: sessions.revokedAt,
      sessionExpiresAt: sessions.expiresAt,
      userDeactivatedAt: users.deactivatedAt,
    })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .for('update', { of: refreshTokens })
    .limit(1);
  return row ?? null;
}

export async function markRefreshTokenUsed(tx: Executor, tokenHash: string): Promise<void> {
  await tx.update(refreshTokens).set({ usedAt: sql`now()` }).where(eq(refreshTokens.tokenHash, tokenHash));
}

/** Sliding sessions: each refresh keeps the session alive for another refresh-token lifetime. */
export async function extendSession(tx: Executor, sessionId: string, expiresAt: Date): Promise<void> {
  await tx.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
}

export async function insertAccountToken(
  db: Executor,
  values: { id: string; userId: string; purpose: AccountTokenPurpose; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.insert(accountTokens).values(values);
}

/** Spends every unused token of this purpose: only the newest link mailed to a user works. */
export async function retireAccountTokens(db: Executor, userId: string, purpose?: AccountTokenPurpose) {
  await db
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.userId, userId),
        isNull(accountTokens.usedAt),
        purpose ? eq(accountTokens.purpose, purpose) : undefined,
      ),
    );
}

export async function lockAccountToken(tx: Executor, tokenHash: string, purpose: AccountTokenPurpose) {
  const [row] = await tx
    .select({
      id: accountTokens.id,
      userId: accountTokens.userId,
      expiresAt: accountTokens.expiresAt,
      usedAt: accountTokens.usedAt,
      userDeactivatedAt: users.deactivatedAt,
    })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)))
    .for('update', { of: accountTokens })
    .limit(1);
  return row ?? null;
}

export async function markAccountTokenUsed(tx: Executor, id: string): Promise<void> {
  await tx.update(accountTokens).set({ usedAt: sql`now()` }).where(eq(accountTokens.id, id));
}
