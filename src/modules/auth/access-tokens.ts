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

/**
 * Tokens whose signature this process has already checked, per signing key, by their exact text: a client
 * sends the same token on every request for its lifetime, and checking an HMAC through WebCrypto cost
 * more CPU than the rest of a cached request's authentication. An entry holds only what the token itself
 * says (its identity and expiry), so a hit is exactly as good as checking again; whether the session is
 * still live is asked separately on every use. Oldest entries go first past the bound.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { identity: AuthIdentity; expiresAtMs: number }>();

  constructor(private readonly maxEntries: number) {}

  get(token: string): { identity: AuthIdentity; expiresAtMs: number } | undefined {
    return this.entries.get(token);
  }

  set(token: string, identity: AuthIdentity, expiresAtMs: number): void {
    this.entries.set(token, { identity, expiresAtMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  forget(token: string): void {
    this.entries.delete(token);
  }
}

/** About 10,000 live clients per process; an entry is a few hundred bytes. */
const MAX_VERIFIED_TOKENS = 10_000;
const verifiedByKey = new WeakMap<Keys['jwtKey'], VerifiedTokens>();

function verifiedTokensFor(key: Keys['jwtKey']): VerifiedTokens {
  let verified = verifiedByKey.get(key);
  if (!verified) {
    verified = new VerifiedTokens(MAX_VERIFIED_TOKENS);
    verifiedByKey.set(key, verified);
  }
  return verified;
}

const expired = () => new Unauthenticated('The access token has expired', 'TOKEN_EXPIRED');

/** Checks signature, algorithm and expiry only; see authenticateToken for the full check. */
export async function verifyAccessToken(ctx: Keys, token: string): Promise<AuthIdentity> {
  const verified = verifiedTokensFor(ctx.jwtKey);
  const known = verified.get(token);
  if (known) {
    // The same rule as the full check below: expired once the clock reaches `exp`.
    if (Date.now() < known.expiresAtMs) return known.identity;
    verified.forget(token);
    throw expired();
  }
  try {
    const { payload } = await jwtVerify(token, ctx.jwtKey, { algorithms: ['HS256'] });
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.sid !== 'string' ||
      typeof payload.exp !== 'number'
    ) {
      throw new Unauthenticated('The access token is invalid');
    }
    const identity = { userId: payload.sub, sessionId: payload.sid };
    verified.set(token, identity, payload.exp * 1000);
    return identity;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw expired();
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
