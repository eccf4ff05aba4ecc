import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createDirect } from '../helpers/conversations.js';
import { createUser, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { multipartBody } from '../helpers/multipart.js';

// Users are made through an app with the default (huge) limits; the limited app shares its database.
let setup: TestApp;
beforeAll(async () => {
  setup = await createTestApp();
});
afterAll(async () => {
  await setup.close();
});

const LIMITED_ENV = {
  RATE_LIMIT_PER_IP: '3',
  LOGIN_FAILURE_LIMIT: '3',
  LOGIN_FAILURE_ACCOUNT_LIMIT: '6',
  TRUST_PROXY: '1',
};

/** Mails in an app's outbox addressed to `email`. */
function mailsTo(app: TestApp, email: string): number {
  const folder = path.join(app.config.dataDir, 'outbox');
  if (!existsSync(folder)) return 0;
  return readdirSync(folder).filter((name) =>
    readFileSync(path.join(folder, name), 'utf8').includes(`To: ${email}`),
  ).length;
}

/** Recovery mails go out in the background, after the answer: wait until `count` have been written. */
async function waitForMails(app: TestApp, email: string, count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (mailsTo(app, email) < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(mailsTo(app, email)).toBe(count);
}

let ipCounter = 0;
/** A fresh client address per test, so counters never leak from one test into another. */
function newIp(): string {
  ipCounter += 1;
  return `10.${randomBytes(1)[0]}.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

const modes = [
  { name: 'in memory', redis: false },
  ...(process.env.REDIS_URL ? [{ name: 'in Redis', redis: true }] : []),
];

describe.each(modes)('rate limits $name', ({ redis }) => {
  let limited: TestApp;
  // Per-account limits only: bursts from one address are not cut short by the per-IP limit.
  let accounts: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ env: LIMITED_ENV, database: setup.database, redis });
    accounts = await createTestApp({
      env: { LOGIN_FAILURE_LIMIT: '3', LOGIN_FAILURE_ACCOUNT_LIMIT: '6', TRUST_PROXY: '1' },
      database: setup.database,
      redis,
    });
  });
  afterAll(async () => {
    await limited.close();
    await accounts.close();
  });

  const from = (ip: string, token?: string) => ({ headers: { 'x-forwarded-for': ip }, token });

  it('allows RATE_LIMIT_PER_IP login requests a minute from one address, then answers 429', async () => {
    const ip = newIp();
    // A new email per request: only the per-IP limit is under test here, not failures per account.
    const body = () => ({
      email: `someone-${randomBytes(4).toString('hex')}@example.com`,
      password: 'wrong password',
    });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await api(limited.app, 'POST', '/api/v1/auth/login', { ...from(ip), body: body() });
      expect(response.status).toBe(401);
      expect(response.headers['x-ratelimit-limit']).toBe('3');
      remaining.push(String(response.headers['x-ratelimit-remaining']));
      const reset = Number(response.headers['x-ratelimit-reset']);
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const blocked = await api(limited.app, 'POST', '/api/v1/auth/login', { ...from(ip), body: body() });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: true, status: 429, code: 'RATE_LIMITED' });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(blocked.headers['x-ratelimit-remaining']).toBe('0');

    // Another address, and another route from the same address, still get through.
    const other = await api(limited.app, 'POST', '/api/v1/auth/login', { ...from(newIp()), body: body() });
    expect(other.status).toBe(401);
    const recovery = await api(limited.app, 'POST', '/api/v1/auth/recovery-password', {
      ...from(ip),
      body: { email: 'someone@example.com' },
    });
    expect(recovery.status).toBe(200);
  });

  it('limits every auth route that sends mail or hands out tokens', async () => {
    const user = await createUser(setup.app);
    const routes: { method: 'POST' | 'PATCH'; url: string; body?: object; token?: string }[] = [
      { method: 'POST', url: '/api/v1/auth/signup', body: { firstName: 'x' } },
      { method: 'POST', url: '/api/v1/auth/refresh', body: { refreshToken: 'nope' } },
      { method: 'POST', url: '/api/v1/auth/recovery-password', body: { email: 'x@example.com' } },
      {
        method: 'PATCH',
        url: '/api/v1/auth/recovery-password/nope',
        body: { password: 'long enough password' },
      },
      { method: 'POST', url: '/api/v1/auth/verify-account', body: { token: 'nope' } },
      { method: 'POST', url: '/api/v1/auth/verify-account/resend', token: 'not-a-token' },
    ];
    for (const route of routes) {
      const ip = newIp();
      for (let i = 0; i < 3; i++) {
        const response = await api(limited.app, route.method, route.url, {
          ...from(ip, route.token),
          body: route.body,
        });
        expect(response.status, `${route.url} #${i + 1}`).not.toBe(429);
        expect(response.headers['x-ratelimit-limit']).toBe('3');
      }
      const blocked = await api(limited.app, route.method, route.url, {
        ...from(ip, route.token),
        body: route.body,
      });
      expect(blocked.status, route.url).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
    }
    // Routes that are not rate limited carry no rate-limit headers.
    const profile = await api(limited.app, 'GET', '/api/v1/users/me', { token: user.token });
    expect(profile.status).toBe(200);
    expect(profile.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('answers 429 to an account from one address after LOGIN_FAILURE_LIMIT failures from it, even with the right password', async () => {
    const user = await createUser(setup.app);
    const stranger = newIp();
    const attempt = (ip: string, password: string, target: TestUser | { email: string } = user) =>
      api(accounts.app, 'POST', '/api/v1/auth/login', {
        ...from(ip),
        body: { email: target.email, password },
      });

    for (let i = 0; i < 3; i++) expect((await attempt(stranger, 'wrong password')).status).toBe(401);
    const blocked = await attempt(stranger, user.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('RATE_LIMITED');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    // The stranger's guesses do not lock the owner out: from the owner's own address the password works.
    expect((await attempt(newIp(), user.password)).status).toBe(200);
    // Other accounts are not affected; an unknown email is limited exactly like a known one.
    const other = await createUser(setup.app);
    expect((await attempt(stranger, other.password, other)).status).toBe(200);
    const ghost = { email: `ghost-${randomBytes(4).toString('hex')}@example.com` };
    for (let i = 0; i < 3; i++) expect((await attempt(stranger, 'wrong password', ghost)).status).toBe(401);
    expect((await attempt(stranger, 'wrong password', ghost)).status).toBe(429);
  });

  it('answers 429 from anywhere once LOGIN_FAILURE_ACCOUNT_LIMIT failures came from many addresses', async () => {
    const user = await createUser(setup.app);
    const attempt = (ip: string, password: string) =>
      api(accounts.app, 'POST', '/api/v1/auth/login', { ...from(ip), body: { email: user.email, password } });
    // Successful logins are not failures: they never count towards the ceiling.
    for (let i = 0; i < 8; i++) expect((await attempt(newIp(), user.password)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const ip = newIp();
      for (let j = 0; j < 2; j++) expect((await attempt(ip, 'wrong password')).status).toBe(401);
    }
    const blocked = await attempt(newIp(), user.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(14 * 60);
  });

  it('forgets failed logins after a successful one', async () => {
    const user = await createUser(setup.app);
    const ip = newIp();
    const attempt = (password: string) =>
      api(accounts.app, 'POST', '/api/v1/auth/login', {
        ...from(ip),
        body: { email: user.email, password },
      });
    for (let i = 0; i < 2; i++) expect((await attempt('wrong password')).status).toBe(401);
    expect((await attempt(user.password)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await attempt('wrong password')).status).toBe(401);
    expect((await attempt(user.password)).status).toBe(429);
  });

  it('limits wrong current passwords typed by a signed-in user like failed logins', async () => {
    const user = await createUser(setup.app);
    const change = (currentPassword: string) =>
      api(limited.app, 'PUT', '/api/v1/users/me/password', {
        ...from(newIp(), user.token),
        body: { currentPassword, newPassword: 'a brand new password' },
      });
    for (let i = 0; i < 3; i++) expect((await change('wrong password')).status).toBe(401);
    expect((await change(user.password)).status).toBe(429);
    const remove = await api(limited.app, 'DELETE', '/api/v1/users/me', {
      ...from(newIp(), user.token),
      body: { password: user.password },
    });
    expect(remove.status).toBe(429);
  });

  it('answers 429 to parallel wrong logins beyond LOGIN_FAILURE_LIMIT, not only to later ones', async () => {
    const user = await createUser(setup.app);
    const ip = newIp();
    const statuses = await Promise.all(
      Array.from({ length: 25 }, () =>
        api(accounts.app, 'POST', '/api/v1/auth/login', {
          ...from(ip),
          body: { email: user.email, password: 'wrong password' },
        }).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(22);
  });

  it('answers 429 to parallel wrong logins from many addresses beyond LOGIN_FAILURE_ACCOUNT_LIMIT', async () => {
    const user = await createUser(setup.app);
    const statuses = await Promise.all(
      Array.from({ length: 25 }, () =>
        api(accounts.app, 'POST', '/api/v1/auth/login', {
          ...from(newIp()),
          body: { email: user.email, password: 'wrong password' },
        }).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(19);
  });

  it('answers 429 to parallel wrong current passwords beyond the limit (password change and deletion)', async () => {
    const user = await createUser(setup.app);
    const ip = newIp();
    const statuses = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        (i % 2 === 0
          ? api(accounts.app, 'PUT', '/api/v1/users/me/password', {
              ...from(ip, user.token),
              body: { currentPassword: 'wrong password', newPassword: 'a brand new password' },
            })
          : api(accounts.app, 'DELETE', '/api/v1/users/me', {
              ...from(ip, user.token),
              body: { password: 'wrong password' },
            })
        ).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(21);
  });

  it('answers 429 to a sixth recovery request for one address from one client, known or not', async () => {
    const user = await createUser(setup.app);
    for (const email of [user.email, `nobody-${randomBytes(4).toString('hex')}@example.com`]) {
      const ip = newIp();
      for (let i = 0; i < 5; i++) {
        const ok = await api(accounts.app, 'POST', '/api/v1/auth/recovery-password', {
          ...from(ip),
          body: { email },
        });
        expect(ok.status).toBe(200);
      }
      const blocked = await api(accounts.app, 'POST', '/api/v1/auth/recovery-password', {
        ...from(ip),
        body: { email },
      });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(59 * 60);
    }
  });

  it("does not let a stranger's recovery requests block the owner's, and caps the mails at 20 an hour", async () => {
    const user = await createUser(setup.app);
    const recover = (ip: string) =>
      api(accounts.app, 'POST', '/api/v1/auth/recovery-password', {
        ...from(ip),
        body: { email: user.email },
      });
    const stranger = newIp();
    for (let i = 0; i < 5; i++) expect((await recover(stranger)).status).toBe(200);
    expect((await recover(stranger)).status).toBe(429);
    // The owner, from their own address, still gets their link.
    expect((await recover(newIp())).status).toBe(200);
    await waitForMails(accounts, user.email, 6);

    // Spread over many addresses, the mails stop at 20; the answer does not change.
    for (let i = 0; i < 3; i++) {
      const ip = newIp();
      for (let j = 0; j < 5; j++) expect((await recover(ip)).status).toBe(200);
    }
    await waitForMails(accounts, user.email, 20);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo(accounts, user.email)).toBe(20);
  });

  it('sends at most 5 verification mails an hour to one account', async () => {
    const user = await createUser(setup.app);
    for (let i = 0; i < 5; i++) {
      const ok = await api(
        limited.app,
        'POST',
        '/api/v1/auth/verify-account/resend',
        from(newIp(), user.token),
      );
      expect(ok.status).toBe(200);
    }
    const blocked = await api(
      limited.app,
      'POST',
      '/api/v1/auth/verify-account/resend',
      from(newIp(), user.token),
    );
    expect(blocked.status).toBe(429);
  });
});

describe.skipIf(!process.env.REDIS_URL)('rate limits shared through Redis', () => {
  it('counts requests to every process against one limit', async () => {
    const prefix = `chat-test:${randomBytes(6).toString('hex')}:`;
    const options = { env: LIMITED_ENV, database: setup.database, redis: true, rateLimitPrefix: prefix };
    const first = await createTestApp(options);
    const second = await createTestApp(options);
    try {
      const body = { email: 'shared@example.com', password: 'wrong password' };
      const headers = { 'x-forwarded-for': '192.0.2.77' };
      expect((await api(first.app, 'POST', '/api/v1/auth/login', { headers, body })).status).toBe(401);
      expect((await api(second.app, 'POST', '/api/v1/auth/login', { headers, body })).status).toBe(401);
      expect((await api(first.app, 'POST', '/api/v1/auth/login', { headers, body })).status).toBe(401);
      const blocked = await api(second.app, 'POST', '/api/v1/auth/login', { headers, body });
      expect(blocked.status).toBe(429);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('TRUST_PROXY', () => {
  const spoofedLogins = async (app: TestApp, realIp: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      // The client writes its own X-Forwarded-For; the proxy in front appends the address it saw.
      const response = await api(app.app, 'POST', '/api/v1/auth/login', {
        headers: { 'x-forwarded-for': `${newIp()}, ${realIp}` },
        body: { email: `someone-${randomBytes(4).toString('hex')}@example.com`, password: 'wrong password' },
      });
      statuses.push(response.status);
    }
    return statuses;
  };

  for (const setting of ['1', '127.0.0.1', '127.0.0.0/8, ::1']) {
    it(`with ${setting}, a client-written X-Forwarded-For does not escape the per-IP limit`, async () => {
      const app = await createTestApp({
        env: { RATE_LIMIT_PER_IP: '3', TRUST_PROXY: setting },
        database: setup.database,
      });
      try {
        expect(await spoofedLogins(app, newIp())).toEqual([401, 401, 401, 429, 429]);
        // Another client behind the same proxy has its own count.
        expect((await spoofedLogins(app, newIp())).slice(0, 3)).toEqual([401, 401, 401]);
      } finally {
        await app.close();
      }
    });
  }
});

describe('per-user limits on sends and uploads', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({
      env: { MESSAGE_RATE_LIMIT: '3', UPLOAD_RATE_LIMIT: '2' },
      database: setup.database,
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 429 with Retry-After to a sender past MESSAGE_RATE_LIMIT in 10 s; forwards count too', async () => {
    const alice = await createUser(setup.app);
    const bob = await createUser(setup.app);
    const chat = await createDirect(app.app, alice, bob);
    const messages = `/api/v1/conversations/${chat.id}/messages` as const;
    const send = (user: TestUser, content: string) =>
      api(app.app, 'POST', messages, { token: user.token, body: { content } });

    const first = await send(alice, 'one');
    expect(first.status).toBe(201);
    expect(first.headers['x-ratelimit-limit']).toBe('3');
    expect((await send(alice, 'two')).status).toBe(201);
    const forward = await api(app.app, 'POST', `${messages}/${first.body.data.id}/forward`, {
      token: alice.token,
      body: { conversationIds: [chat.id] },
    });
    expect(forward.status).toBe(201);

    const blocked = await send(alice, 'four');
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: true, status: 429, code: 'RATE_LIMITED' });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(10);
    // Nothing was stored for the refused send, and the other member still talks freely.
    const history = await api(app.app, 'GET', messages, { token: bob.token });
    expect(history.body.data.items.map((m) => m.content)).not.toContain('four');
    expect((await send(bob, 'hello')).status).toBe(201);
  });

  it('answers 429 to an uploader past UPLOAD_RATE_LIMIT a minute', async () => {
    const user = await createUser(setup.app);
    const image = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    const upload = () => {
      const { payload, headers } = multipartBody({ data: image, filename: 'me.png' });
      return app.app.inject({
        method: 'PUT',
        url: '/api/v1/users/me/profile-image',
        payload,
        headers: { ...headers, authorization: `Bearer ${user.token}` },
      });
    };
    expect((await upload()).statusCode).toBe(200);
    expect((await upload()).statusCode).toBe(200);
    const blocked = await upload();
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json<unknown>()).toMatchObject({ error: true, status: 429, code: 'RATE_LIMITED' });
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});
