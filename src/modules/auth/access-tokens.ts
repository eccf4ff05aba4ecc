// Access tokens: short-lived HS256 JWTs naming a user and a session; every use re-checks that both are live.
import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import type { AppContext, AuthIdentity } from '../../context.js';
import { GroupCommit } from '../../db/group-commit.js';
import { namedStatement, preparedPerDatabase, runNamed } from '../../db/prepared.js';
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

/** What a token of this server says: whose session it is, and until when. */
interface Claims {
  identity: AuthIdentity;
  expiresAtMs: number;
}

/** What a header must say: HS256 and nothing that asks for extensions (`crit`, `b64`) this check ignores. */
function acceptableHeader(segment: string): boolean {
  const header = parseSegment(segment);
  if (header === null || header.alg !== 'HS256') return false;
  for (const name of Object.keys(header))
    if (name !== 'alg' && name !== 'typ' && name !== 'kid') return false;
  return true;
}

function parseSegment(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The compact HS256 check, written out with node:crypto: one HMAC over the signing input, compared in
 * constant time. Through WebCrypto (jose's jwtVerify) the same check cost about 20 times the CPU, and a
 * socket handshake, unlike an HTTP request, always presents a token this process has not seen before.
 * Throws Unauthenticated for anything but a well-formed, correctly signed token of this server.
 */
function checkHs256(key: KeyObject, token: string): Claims {
  const invalid = () => new Unauthenticated('The access token is invalid');
  const firstDot = token.indexOf('.');
  const lastDot = token.lastIndexOf('.');
  if (firstDot <= 0 || lastDot === firstDot || lastDot === token.length - 1) throw invalid();
  const headerPart = token.slice(0, firstDot);
  const payloadPart = token.slice(firstDot + 1, lastDot);
  const signaturePart = token.slice(lastDot + 1);
  if (!BASE64URL.test(headerPart) || !BASE64URL.test(payloadPart) || !BASE64URL.test(signaturePart)) {
    throw invalid();
  }
  const expected = createHmac('sha256', key).update(token.slice(0, lastDot)).digest();
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) throw invalid();
  // Signed by us, but still read as an outsider's: only HS256 with our claims is a token.
  if (!acceptableHeader(headerPart)) throw invalid();
  const payload = parseSegment(payloadPart);
  if (
    payload === null ||
    typeof payload.sub !== 'string' ||
    typeof payload.sid !== 'string' ||
    typeof payload.exp !== 'number' ||
    !Number.isFinite(payload.exp)
  ) {
    throw invalid();
  }
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf * 1000 > Date.now())) {
    throw invalid();
  }
  return { identity: { userId: payload.sub, sessionId: payload.sid }, expiresAtMs: payload.exp * 1000 };
}

/** Checks signature, algorithm and expiry only; see authenticateToken for the full check. */
export async function verifyAccessToken(ctx: Keys, token: string): Promise<AuthIdentity> {
  const verified = verifiedTokensFor(ctx.jwtKey);
  let claims = verified.get(token);
  if (!claims) {
    claims = checkHs256(ctx.jwtKey, token);
    verified.set(token, claims.identity, claims.expiresAtMs);
  }
  // Expired once the clock reaches `exp`, on the first use as on every later one.
  if (Date.now() < claims.expiresAtMs) return claims.identity;
  verified.forget(token);
  throw expired();
}

/**
 * The live ones among (session, user) pairs, as a FROM item: the pairs `k(sid, uid)` joined to their
 * session `s` and user `u`, only where the session is neither revoked nor expired and the user active.
 * One index probe per pair.
 */
export function liveSessionPairsSql(sessionIds: SQLWrapper, userIds: SQLWrapper): SQL {
  return sql`unnest(${sessionIds}::uuid[], ${userIds}::uuid[]) as k(sid, uid)
  join ${sessions} s on s.id = k.sid and s.user_id = k.uid and s.revoked_at is null and s.expires_at > now()
  join ${users} u on u.id = s.user_id and u.deactivated_at is null`;
}

/** Of the pairs asked, the live ones, with when each session expires. */
const LIVE_SESSIONS = namedStatement(
  sql`select k.sid, s.expires_at from ${liveSessionPairsSql(sql.placeholder('sessionIds'), sql.placeholder('userIds'))}`,
  'live_sessions',
);

/** Pairs per lookup: a burst of handshakes from a whole reconnecting client fleet fits in a few. */
const MAX_SESSION_LOOKUPS = 500;

type SessionLookup = { sessionId: string; userId: string };

/**
 * Session checks that miss the cache, per database: those that arrive while one lookup is on its way go
 * together in the next, so a burst of new sockets (every client reconnecting after a deploy) costs a few
 * round trips instead of one each, and the pool stays free for everything else.
 */
const sessionLookupsFor = preparedPerDatabase(
  (db) =>
    new GroupCommit<SessionLookup, Date | null>(async (batch) => {
      const result = await runNamed<[string, Date]>(
        db,
        LIVE_SESSIONS,
        { sessionIds: batch.map((pair) => pair.sessionId), userIds: batch.map((pair) => pair.userId) },
        { rowMode: 'array' },
      );
      const live = new Map(result.rows.map(([sessionId, expiresAt]) => [sessionId, expiresAt]));
      return batch.map((pair) => live.get(pair.sessionId) ?? null);
    }, MAX_SESSION_LOOKUPS),
);

/**
 * Verifies the token, then checks that its session is alive and its user active: from this process's
 * session cache, or in a lookup (batched with others that miss it at the same time) that fills it.
 * Logout, password changes and resets, refresh-token reuse and deactivation clear the cache through the
 * bus (see core/session-cache.ts).
 */
export async function authenticateToken(
  ctx: Pick<AppContext, 'config' | 'jwtKey' | 'db' | 'sessions'>,
  token: string,
): Promise<AuthIdentity> {
  const identity = await verifyAccessToken(ctx, token);
  if (ctx.sessions.isLive(identity.sessionId, identity.userId)) return identity;
  await confirmSession(ctx, identity, async () => ({
    expiresAt: await sessionLookupsFor(ctx.db).submit(identity),
  }));
  return identity;
}

/**
 * The database's word on a session, asked by `lookup` (alone, or in a statement that also reads what the
 * caller needs next): refused when it has ended, remembered in the session cache when it is live.
 */
export async function confirmSession<Answer extends { expiresAt: Date | null }>(
  ctx: Pick<AppContext, 'sessions'>,
  identity: AuthIdentity,
  lookup: () => Promise<Answer>,
): Promise<Answer> {
  // Taken before the lookup is sent: an invalidation while it is on its way keeps its answer out of the cache.
  const version = ctx.sessions.version;
  const answer = await lookup();
  if (answer.expiresAt === null) throw new Unauthenticated('This session has ended; log in again');
  ctx.sessions.remember(identity.sessionId, identity.userId, answer.expiresAt, version);
  return answer;
}
