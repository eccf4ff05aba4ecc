// SQL for sessions, refresh tokens and mailed account tokens.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { accountTokens, refreshTokens, sessions, users } from '../../db/schema.js';

import type { AccountTokenPurpose } from '../users/account-queries.js';

export type { AccountTokenPurpose } from '../users/account-queries.js';

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
