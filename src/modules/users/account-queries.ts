// SQL that ends what an account's secrets opened: its sessions and its unused mailed tokens. Password
// changes, resets, logout and deactivation all use it; it lives with the account, and auth builds on it.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { accountTokens, sessions } from '../../db/schema.js';

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
