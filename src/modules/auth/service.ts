// Account rules: sign-up (with its verification mail) and login, and the sessions behind every token pair.
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import { refreshTokens, sessions, users } from '../../db/schema.js';
import { Conflict, InvalidCredentials } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../lib/passwords.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { randomToken, sha256 } from '../../lib/secrets.js';
import type { UserRow } from '../users/present.js';
import { userColumns } from '../users/queries.js';
import { signAccessToken } from './access-tokens.js';
import { accountLoginFailureRule, loginFailureRule } from './limits.js';
import { sendVerificationMail, sendWithoutFailing } from './mails.js';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export interface SignupInput {
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  phone?: string;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates the account and mails its verification link; a mail server that is down does not fail signup. */
export async function signup(ctx: AppContext, input: SignupInput): Promise<UserRow> {
  const user = await insertUser(ctx, input);
  await sendWithoutFailing(ctx, 'verification', () => sendVerificationMail(ctx, user));
  return user;
}

async function insertUser(ctx: AppContext, input: SignupInput): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  try {
    const [user] = await ctx.db
      .insert(users)
      .values({
        id: uuidv7(),
        email: normalizeEmail(input.email),
        passwordHash,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        phone: input.phone?.trim() || null,
      })
      .returning(userColumns);
    return user!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('An account with this email already exists');
    throw error;
  }
}

export interface TokenPair {
  token: string;
  refreshToken: string;
  expiresIn: number;
}

/** Creates a refresh token for a session; only its hash is stored. */
export async function issueRefreshToken(ctx: AppContext, db: Executor, sessionId: string): Promise<string> {
  const refreshToken = randomToken();
  await db.insert(refreshTokens).values({
    tokenHash: sha256(refreshToken),
    sessionId,
    expiresAt: new Date(Date.now() + ctx.config.refreshTokenTtlMs),
  });
  return refreshToken;
}

export async function tokenPair(
  ctx: AppContext,
  userId: string,
  sessionId: string,
  refreshToken: string,
): Promise<TokenPair> {
  return {
    token: await signAccessToken(ctx, { userId, sessionId }),
    refreshToken,
    expiresIn: Math.floor(ctx.config.accessTokenTtlMs / 1000),
  };
}

export async function login(
  ctx: AppContext,
  input: { email: string; password: string },
  client: ClientInfo,
): Promise<TokenPair & { user: UserRow }> {
  const email = normalizeEmail(input.email);
  // Counted per email whether or not it exists: the 429 tells an attacker nothing about accounts. Every
  // attempt counts before argon2 runs, per email and client address and per email alone (the higher
  // ceiling); a success clears the first and takes itself back from the second.
  const fromSource = loginFailureRule(ctx);
  const fromAnywhere = accountLoginFailureRule(ctx);
  const source = `${email}|${client.ip}`;
  await ctx.rateLimiter.enforce(fromSource, source);
  await ctx.rateLimiter.enforce(fromAnywhere, email);
  const [found] = await ctx.db
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.deactivatedAt)))
    .limit(1);
  // An unknown email spends the same argon2 time as a wrong password and gets the same answer.
  const valid = found
    ? await verifyPassword(found.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!found || !valid) throw new InvalidCredentials();
  await ctx.rateLimiter.reset(fromSource, source);
  await ctx.rateLimiter.release(fromAnywhere, email);
  const { passwordHash: _hash, ...user } = found;

  const sessionId = uuidv7();
  const refreshToken = await ctx.db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      id: sessionId,
      userId: user.id,
      expiresAt: new Date(Date.now() + ctx.config.refreshTokenTtlMs),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    return issueRefreshToken(ctx, tx, sessionId);
  });
  return { ...(await tokenPair(ctx, user.id, sessionId, refreshToken)), user };
}
