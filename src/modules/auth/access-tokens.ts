// Access tokens: short-lived HS256 JWTs naming a user and a session; every use re-checks that both are live.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { AppContext, AuthIdentity } from '../../context.js';
import { preparedPerDatabase } from '../../db/prepared.js';
import { sessions, users } from '../../db/schema.js';
import { Unauthenticated } from '../../lib/errors.js';

export type { AuthIdentity } from '../../context.js';

type Keys = Pick<AppContext, 'config' | 'jwtKey'>;

export async function signAccessToken(ctx: Keys, identity: AuthIdentity): Promise<string> {
  return new SignJWT({ sid: identity.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(identity.userId)
    .setIssuedAt()
    .setExpirationTime(new Date(Date.now() + ctx.config.accessTokenTtlMs))
    .sign(ctx.jwtKey);
}

/** Checks signature, algorithm and expiry only; see authenticateToken for the full check. */
export async function verifyAccessToken(ctx: Keys, token: string): Promise<AuthIdentity> {
  try {
    const { payload } = await jwtVerify(token, ctx.jwtKey, { algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
      throw new Unauthenticated('The access token is invalid');
    }
    return { userId: payload.sub, sessionId: payload.sid };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw new Unauthenticated('The access token has expired', 'TOKEN_EXPIRED');
    }
    if (error instanceof Unauthenticated) throw error;
    throw new Unauthenticated('The access token is invalid');
  }
}

/** The session, if it is live and its user active: a primary-key lookup, prepared once per database. */
const liveSessionStatement = preparedPerDatabase((db) =>
  db
    .select({ expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('sessionId')),
        eq(sessions.userId, sql.placeholder('userId')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        isNull(users.deactivatedAt),
      ),
    )
    .limit(1)
    .prepare('live_session'),
);

/**
 * Verifies the token, then checks that its session is alive and its user active: from this process's
 * session cache, or in one primary-key lookup that fills it. Logout, password changes and resets,
 * refresh-token reuse and deactivation clear the cache through the bus (see core/session-cache.ts).
 */
export async function authenticateToken(
  ctx: Pick<AppContext, 'config' | 'jwtKey' | 'db' | 'sessions'>,
  token: string,
): Promise<AuthIdentity> {
  const identity = await verifyAccessToken(ctx, token);
  if (ctx.sessions.isLive(identity.sessionId, identity.userId)) return identity;
  const version = ctx.sessions.version;
  const rows = await liveSessionStatement(ctx.db).execute({
    sessionId: identity.sessionId,
    userId: identity.userId,
  });
  if (rows.length === 0) throw new Unauthenticated('This session has ended; log in again');
  ctx.sessions.remember(identity.sessionId, identity.userId, rows[0]!.expiresAt, version);
  return identity;
}
