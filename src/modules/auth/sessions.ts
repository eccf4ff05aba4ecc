// Session lifecycle after login: refresh-token rotation (with reuse detection) and logout.
import type { AppContext } from '../../context.js';
import { publishDisconnect } from '../../core/events.js';
import { Unauthenticated } from '../../lib/errors.js';
import { sha256 } from '../../lib/secrets.js';
import { revokeSessions } from '../users/account-queries.js';
import type { UserRow } from '../users/present.js';
import { findActiveUser } from '../users/queries.js';
import { extendSession, lockRefreshToken, markRefreshTokenUsed } from './queries.js';
import { issueRefreshToken, type TokenPair, tokenPair } from './service.js';

type RefreshOutcome =
  | { kind: 'rotated'; userId: string; sessionId: string; refreshToken: string }
  | { kind: 'reused'; userId: string; sessionId: string; revoked: boolean }
  | { kind: 'expired' }
  | { kind: 'invalid' };

/**
 * Spends the refresh token and hands out a new pair. A spent token presented again means it leaked
 * (or a client raced itself): the whole session is revoked, so the thief's copy dies with it.
 */
export async function refreshSession(
  ctx: AppContext,
  refreshToken: string,
): Promise<TokenPair & { user: UserRow }> {
  const tokenHash = sha256(refreshToken);
  const outcome = await ctx.db.transaction(async (tx): Promise<RefreshOutcome> => {
    const row = await lockRefreshToken(tx, tokenHash);
    if (!row) return { kind: 'invalid' };
    if (row.usedAt) {
      const revoked = await revokeSessions(tx, row.userId, { only: row.sessionId });
      return { kind: 'reused', userId: row.userId, sessionId: row.sessionId, revoked: revoked.length > 0 };
    }
    const now = Date.now();
    if (row.sessionRevokedAt || row.userDeactivatedAt || row.sessionExpiresAt.getTime() <= now) {
      return { kind: 'invalid' };
    }
    if (row.expiresAt.getTime() <= now) return { kind: 'expired' };
    await markRefreshTokenUsed(tx, tokenHash);
    await extendSession(tx, row.sessionId, new Date(now + ctx.config.refreshTokenTtlMs));
    const next = await issueRefreshToken(ctx, tx, row.sessionId);
    return { kind: 'rotated', userId: row.userId, sessionId: row.sessionId, refreshToken: next };
  });

  switch (outcome.kind) {
    case 'invalid':
      throw new Unauthenticated('The refresh token is not valid; log in again');
    case 'expired':
      throw new Unauthenticated('The refresh token has expired; log in again', 'TOKEN_EXPIRED');
    case 'reused':
      if (outcome.revoked) {
        await publishDisconnect(
          ctx,
          { userId: outcome.userId, sessionId: outcome.sessionId },
          'refresh_token_reused',
        );
      }
      throw new Unauthenticated(
        'This refresh token was already used; the session has been ended, log in again',
      );
    case 'rotated': {
      const user = await findActiveUser(ctx.db, outcome.userId);
      if (!user) throw new Unauthenticated('The refresh token is not valid; log in again');
      return { ...(await tokenPair(ctx, outcome.userId, outcome.sessionId, outcome.refreshToken)), user };
    }
  }
}

/** Ends one session: its access and refresh tokens stop working at once, its sockets close. */
export async function logout(ctx: AppContext, identity: { userId: string; sessionId: string }) {
  await revokeSessions(ctx.db, identity.userId, { only: identity.sessionId });
  await publishDisconnect(ctx, identity, 'logout');
}
