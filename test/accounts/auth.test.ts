import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountTokens, refreshTokens } from '../../src/db/schema.js';
import type { BusMessage } from '../../src/realtime/bus.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/app.js';
import { createUser, login } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { linkFromMail, startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

let smtp: TestSmtpServer;
let t: TestApp;
const busMessages: BusMessage[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ env: { SMTP_URL: smtp.url } });
  t.bus.subscribe((message) => busMessages.push(message));
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const me = (token: string) => api(t.app, 'GET', '/api/v1/users/me', { token });

async function mailedToken(email: string, page: 'verify-account' | 'recovery-password') {
  const mail = await smtp.nextMailTo(email, `/${page}?token=`);
  return linkFromMail(mail.raw, page);
}

function sessionOf(token: string): string {
  return decodeJwt(token).sid as string;
}

describe('signup and account verification', () => {
  it('mails a verification link under PUBLIC_URL whose token verifies the account once', async () => {
    const user = await createUser(t.app);
    const { url, token } = await mailedToken(user.email, 'verify-account');
    expect(`${url.origin}${url.pathname}`).toBe('http://chat.test/verify-account');
    expect((await me(user.token)).body.data.isVerified).toBe(false);

    const verified = await api(t.app, 'POST', '/api/v1/auth/verify-account', { body: { token } });
    expect(verified.status).toBe(200);
    expect(verified.body.data).toMatchObject({ id: user.id, isVerified: true });
    expect((await me(user.token)).body.data.isVerified).toBe(true);

    const again = await api(t.app, 'POST', '/api/v1/auth/verify-account', { body: { token } });
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('GONE');
  });

  it('refuses an unknown, an expired or an empty verification token', async () => {
    const unknown = await api(t.app, 'POST', '/api/v1/auth/verify-account', {
      body: { token: 'x'.repeat(43) },
    });
    expect(unknown.status).toBe(404);

    const user = await createUser(t.app);
    const { token } = await mailedToken(user.email, 'verify-account');
    await t.database.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.userId, user.id));
    const expired = await api(t.app, 'POST', '/api/v1/auth/verify-account', { body: { token } });
    expect(expired.status).toBe(410);
    expect((await me(user.token)).body.data.isVerified).toBe(false);

    const empty = await api(t.app, 'POST', '/api/v1/auth/verify-account', { body: { token: '' } });
    expect(empty.status).toBe(422);
  });

  it('stores verification tokens only as hashes', async () => {
    const user = await createUser(t.app);
    const { token } = await mailedToken(user.email, 'verify-account');
    const rows = await t.database.db
      .select({ hash: accountTokens.tokenHash })
      .from(accountTokens)
      .where(eq(accountTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hash).not.toContain(token);
  });

  it('resends a verification mail whose link replaces the earlier one', async () => {
    const user = await createUser(t.app);
    const first = await mailedToken(user.email, 'verify-account');
    const resend = await api(t.app, 'POST', '/api/v1/auth/verify-account/resend', { token: user.token });
    expect(resend.status).toBe(200);
    const second = await mailedToken(user.email, 'verify-account');
    expect(second.token).not.toBe(first.token);

    const old = await api(t.app, 'POST', '/api/v1/auth/verify-account', { body: { token: first.token } });
    expect(old.status).toBe(410);
    const fresh = await api(t.app, 'POST', '/api/v1/auth/verify-account', { body: { token: second.token } });
    expect(fresh.status).toBe(200);

    const verifiedResend = await api(t.app, 'POST', '/api/v1/auth/verify-account/resend', {
      token: user.token,
    });
    expect(verifiedResend.status).toBe(409);
    expect(verifiedResend.body.code).toBe('CONFLICT');
  });

  it('needs a bearer token to resend', async () => {
    const response = await api(t.app, 'POST', '/api/v1/auth/verify-account/resend');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('still creates the account when the mail server is down, and logs the failure', async () => {
    const down = await createTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:1' }, database: t.database });
    try {
      const response = await api(down.app, 'POST', '/api/v1/auth/signup', {
        body: { firstName: 'No', lastName: 'Mail', email: 'no-mail@example.com', password: 'correct horse' },
      });
      expect(response.status).toBe(201);
      const resend = await api(down.app, 'POST', '/api/v1/auth/verify-account/resend', {
        token: (await login(down.app, 'no-mail@example.com', 'correct horse')).token,
      });
      expect(resend.status).toBe(503);
      expect(resend.body.code).toBe('UNAVAILABLE');
    } finally {
      await down.close();
    }
  });

  it('writes the mail to DATA_DIR/outbox when no SMTP_URL is set', async () => {
    const local = await createTestApp({ database: t.database });
    try {
      const email = 'outbox-user@example.com';
      await api(local.app, 'POST', '/api/v1/auth/signup', {
        body: { firstName: 'Out', lastName: 'Box', email, password: 'correct horse' },
      });
      const folder = path.join(local.config.dataDir, 'outbox');
      const files = readdirSync(folder).filter((name) => name.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const raw = readFileSync(path.join(folder, files[0]!), 'utf8');
      expect(raw).toMatch(new RegExp(`^To: ${email}`, 'm'));
      const { token } = linkFromMail(raw, 'verify-account');
      const verified = await api(local.app, 'POST', '/api/v1/auth/verify-account', { body: { token } });
      expect(verified.status).toBe(200);
      expect(verified.body.data.isVerified).toBe(true);
    } finally {
      await local.close();
    }
  });
});

describe('login', () => {
  it('gives an unknown email the same answer as a wrong password', async () => {
    const user = await createUser(t.app);
    const wrong = await api(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: 'not the password' },
    });
    const unknown = await api(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: 'nobody-here@example.com', password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body).toEqual(wrong.body);
  });

  it('never answers with a password or a hash', async () => {
    const password = 'a very secret password';
    const signup = await api(t.app, 'POST', '/api/v1/auth/signup', {
      body: { firstName: 'Plain', lastName: 'User', email: 'plain-user@example.com', password },
    });
    const session = await api(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: 'plain-user@example.com', password },
    });
    const refreshed = await api(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: session.body.data.refreshToken },
    });
    const profile = await me(session.body.data.token);
    for (const response of [signup, session, refreshed, profile]) {
      const text = JSON.stringify(response.body);
      expect(text).not.toMatch(/password|hash|\$argon2/i);
      expect(text).not.toContain(password);
    }
  });
});

describe('access tokens', () => {
  it('refuses a request without a token, a tampered token and an alg:none token', async () => {
    const user = await createUser(t.app);
    expect((await api(t.app, 'GET', '/api/v1/users/me')).status).toBe(401);

    const [header, payload, signature] = user.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-7000-8000-000000000000' }));
    const tampered = `${header}.${forged.toString('base64url')}.${signature}`;
    const tamperedResponse = await me(tampered);
    expect(tamperedResponse.status).toBe(401);
    expect(tamperedResponse.body.code).toBe('UNAUTHENTICATED');

    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const unsigned = `${none}.${payload}.`;
    expect((await me(unsigned)).status).toBe(401);
  });

  it('refuses a token signed with another algorithm or secret, or asking for more than HS256', async () => {
    const user = await createUser(t.app);
    // Signed by hand, so the header can say what a library would refuse to write.
    const now = Math.floor(Date.now() / 1000);
    const sign = (header: Record<string, unknown>, secret = TEST_JWT_SECRET, claims = {}) => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const claimsPart = part({
        sub: user.id,
        sid: sessionOf(user.token),
        iat: now,
        exp: now + 300,
        ...claims,
      });
      const input = `${part(header)}.${claimsPart}`;
      const hash = `sha${String(header.alg).slice(2)}`;
      return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
    };
    // The same claims, correctly signed, are accepted: the refusals below are about the signing alone.
    expect((await me(sign({ alg: 'HS256', typ: 'JWT' }))).status).toBe(200);

    const refused = [
      sign({ alg: 'HS512', typ: 'JWT' }),
      sign({ alg: 'HS384' }),
      sign({ alg: 'HS256' }, `${TEST_JWT_SECRET}-not`),
      sign({ alg: 'HS256', crit: ['exp'] }),
      sign({ alg: 'HS256', b64: false, crit: ['b64'] }),
      sign({ alg: 'HS256' }, TEST_JWT_SECRET, { nbf: now + 600 }),
      sign({ alg: 'HS256' }, TEST_JWT_SECRET, { sub: 42 }),
      `${user.token}.extra`,
      user.token.slice(0, -2),
      `${user.token.split('.').slice(0, 2).join('.')}.`,
      'not-a-token',
    ];
    for (const token of refused) {
      const response = await me(token);
      expect({ token, status: response.status, code: response.body.code }).toEqual({
        token,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('answers an expired token with TOKEN_EXPIRED', async () => {
    const user = await createUser(t.app);
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = await new SignJWT({ sid: sessionOf(user.token) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuedAt(past - 900)
      .setExpirationTime(past)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const response = await me(expired);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses a token the moment it expires, even one it accepted a moment before', async () => {
    const user = await createUser(t.app);
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const shortLived = await new SignJWT({ sid: sessionOf(user.token) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect((await me(shortLived)).status).toBe(200);
    expect((await me(shortLived)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 20));
    const response = await me(shortLived);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('TOKEN_EXPIRED');
  });
});

describe('refresh', () => {
  it('rotates: a new pair works and the old refresh token is spent', async () => {
    const user = await createUser(t.app);
    const response = await api(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    expect(response.status).toBe(200);
    const pair = response.body.data;
    expect(pair).toMatchObject({ expiresIn: 900, user: { id: user.id } });
    expect(pair.refreshToken).not.toBe(user.refreshToken);
    expect(sessionOf(pair.token)).toBe(sessionOf(user.token));
    expect((await me(pair.token)).status).toBe(200);

    const next = await api(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: pair.refreshToken },
    });
    expect(next.status).toBe(200);
  });

  it('revokes the whole session when a spent refresh token comes back', async () => {
    const user = await createUser(t.app);
    const other = await login(t.app, user.email, user.password);
    const rotated = await api(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    const reused = await api(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('UNAUTHENTICATED');

    // Both the thief's and the rightful holder's tokens of that session are dead now.
    expect((await me(rotated.body.data.token)).status).toBe(401);
    expect((await me(user.token)).status).toBe(401);
    const afterReuse = await api(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: rotated.body.data.refreshToken },
    });
    expect(afterReuse.status).toBe(401);
    // Another device's session is untouched.
    expect((await me(other.token)).status).toBe(200);
    expect(busMessages).toContainEqual({
      kind: 'disconnect',
      userId: user.id,
      sessionId: sessionOf(user.token),
      reason: 'refresh_token_reused',
    });
  });

  it('answers an expired refresh token with TOKEN_EXPIRED and an unknown one with 401', async () => {
    const user = await createUser(t.app);
    await t.database.db
      .update(refreshTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(refreshTokens.sessionId, sessionOf(user.token)));
    const expired = await api(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('TOKEN_EXPIRED');

    const unknown = await api(t.app, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: 'nope' } });
    expect(unknown.status).toBe(401);
    const missing = await api(t.app, 'POST', '/api/v1/auth/refresh', { body: {} });
    expect(missing.status).toBe(422);
  });
});

describe('logout', () => {
  it('ends only this session: its access and refresh tokens stop working at once', async () => {
    const user = await createUser(t.app);
    const laptop = await login(t.app, user.email, user.password);
    const response = await api(t.app, 'POST', '/api/v1/auth/logout', { token: user.token });
    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();

    expect((await me(user.token)).status).toBe(401);
    const refresh = await api(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    expect(refresh.status).toBe(401);
    expect((await api(t.app, 'POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(401);
    expect((await me(laptop.token)).status).toBe(200);
    expect(busMessages).toContainEqual({
      kind: 'disconnect',
      userId: user.id,
      sessionId: sessionOf(user.token),
      reason: 'logout',
    });
  });
});

describe('password recovery', () => {
  it('answers known and unknown emails the same way, and mails only the known one', async () => {
    const user = await createUser(t.app);
    const known = await api(t.app, 'POST', '/api/v1/auth/recovery-password', { body: { email: user.email } });
    const unknown = await api(t.app, 'POST', '/api/v1/auth/recovery-password', {
      body: { email: 'ghost@example.com' },
    });
    expect(known.status).toBe(200);
    expect(unknown.body).toEqual(known.body);
    const { url } = await mailedToken(user.email, 'recovery-password');
    expect(`${url.origin}${url.pathname}`).toBe('http://chat.test/recovery-password');
    expect(smtp.mails.some((mail) => mail.to.includes('ghost@example.com'))).toBe(false);
  });

  it('resets the password once, logs out every session and lets the new password in', async () => {
    const user = await createUser(t.app);
    const phone = await login(t.app, user.email, user.password);
    await api(t.app, 'POST', '/api/v1/auth/recovery-password', { body: { email: user.email.toUpperCase() } });
    const { token } = await mailedToken(user.email, 'recovery-password');

    const reset = await api(t.app, 'PATCH', `/api/v1/auth/recovery-password/${token}`, {
      body: { password: 'a brand new password' },
    });
    expect(reset.status).toBe(200);

    // Tokens from before the reset are dead, on every device.
    expect((await me(user.token)).status).toBe(401);
    expect((await me(phone.token)).status).toBe(401);
    const refresh = await api(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: phone.refreshToken },
    });
    expect(refresh.status).toBe(401);
    expect(busMessages).toContainEqual({ kind: 'disconnect', userId: user.id, reason: 'password_reset' });

    const oldLogin = await api(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(oldLogin.status).toBe(401);
    const fresh = await login(t.app, user.email, 'a brand new password');
    expect((await me(fresh.token)).body.data.isVerified).toBe(true);

    const reused = await api(t.app, 'PATCH', `/api/v1/auth/recovery-password/${token}`, {
      body: { password: 'yet another password' },
    });
    expect(reused.status).toBe(410);
    expect(reused.body.code).toBe('GONE');
  });

  it('refuses a made-up recovery token before hashing the new password (no argon2 time spent)', async () => {
    const user = await createUser(t.app);
    const timed = async (run: () => Promise<{ status: number }>, status: number) => {
      const started = performance.now();
      expect((await run()).status).toBe(status);
      return performance.now() - started;
    };
    let resets = 0;
    let logins = 0;
    // Alternated, so a busy machine slows both alike; a wrong login runs argon2 once, like a hash.
    for (let i = 0; i < 8; i++) {
      resets += await timed(
        () =>
          api(t.app, 'PATCH', `/api/v1/auth/recovery-password/made-up-token-${i}`, {
            body: { password: 'a perfectly fine new password' },
          }),
        404,
      );
      logins += await timed(
        () =>
          api(t.app, 'POST', '/api/v1/auth/login', {
            body: { email: user.email, password: 'wrong password' },
          }),
        401,
      );
    }
    expect(resets / logins).toBeLessThan(0.5);
  });

  it('refuses an expired, an unknown or a superseded recovery token, and a short password', async () => {
    const user = await createUser(t.app);
    await api(t.app, 'POST', '/api/v1/auth/recovery-password', { body: { email: user.email } });
    const first = await mailedToken(user.email, 'recovery-password');
    await api(t.app, 'POST', '/api/v1/auth/recovery-password', { body: { email: user.email } });
    const second = await mailedToken(user.email, 'recovery-password');

    const superseded = await api(t.app, 'PATCH', `/api/v1/auth/recovery-password/${first.token}`, {
      body: { password: 'a brand new password' },
    });
    expect(superseded.status).toBe(410);

    const short = await api(t.app, 'PATCH', `/api/v1/auth/recovery-password/${second.token}`, {
      body: { password: 'short' },
    });
    expect(short.status).toBe(422);

    await t.database.db
      .update(accountTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(accountTokens.userId, user.id));
    const expired = await api(t.app, 'PATCH', `/api/v1/auth/recovery-password/${second.token}`, {
      body: { password: 'a brand new password' },
    });
    expect(expired.status).toBe(410);
    expect((await me(user.token)).status).toBe(200);

    const unknown = await api(t.app, 'PATCH', `/api/v1/auth/recovery-password/${'y'.repeat(43)}`, {
      body: { password: 'a brand new password' },
    });
    expect(unknown.status).toBe(404);
  });

  it('expires recovery tokens after one hour', async () => {
    const user = await createUser(t.app);
    await api(t.app, 'POST', '/api/v1/auth/recovery-password', { body: { email: user.email } });
    await mailedToken(user.email, 'recovery-password');
    const [row] = await t.database.db
      .select({ createdAt: accountTokens.createdAt, expiresAt: accountTokens.expiresAt })
      .from(accountTokens)
      .where(sql`${accountTokens.userId} = ${user.id} and ${accountTokens.purpose} = 'reset_password'`);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeCloseTo(3_600_000, -4);
  });
});
