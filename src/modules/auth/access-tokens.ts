// Access tokens: short-lived HS256 JWTs naming a user and a session; every use re-checks both in the database.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { AppContext, AuthIdentity } from '../../context.js';
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

/**
 * Verifies the token, then in one primary-key lookup checks that its session is alive and its user
 * active: logout, password resets and account deletion take effect at once.
 */
export async function authenticateToken(
  ctx: Pick<AppContext, 'config' | 'jwtKey' | 'db'>,
  token: string,
): Promise<AuthIdentity> {
  const identity = await verifyAccessToken(ctx, token);
  const rows = await ctx.db
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, identity.sessionId),
        eq(sessions.userId, identity.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
        isNull(users.deactivatedAt),
      ),
    )
    .limit(1);
  if (rows.length === 0) throw new Unauthenticated('This session has ended; log in again');
  return identity;
}
