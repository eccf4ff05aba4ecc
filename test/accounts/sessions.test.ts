// Processes remember live sessions, and their users' own profiles, in memory: a session that ends must
// still stop working on every process, and a profile that changes must show changed, on the next request
// where it happened and as soon as the bus tells the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUser, login, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { connectAs, listen } from '../helpers/ws.js';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  console.warn('SKIPPING the two-process part of test/accounts/sessions.test.ts: set REDIS_URL to run it');
}

const me = (t: TestApp, token: string) => api(t.app, 'GET', '/api/v1/users/me', { token });

describe.skipIf(!redisUrl)('sessions ended on one process, with the bus in Redis', () => {
  let first: TestApp;
  let second: TestApp;
  let secondBase: string;
  // An hour: within these tests, only the bus message can make the other process notice.
  const env = { AUTH_CACHE_TTL: '1h' };
  beforeAll(async () => {
    first = await createTestApp({ redis: true, env });
    second = await createTestApp({ redis: true, database: first.database, env });
    secondBase = await listen(second.app);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  /** A token the second process has already checked (and remembers), with a socket there that closes
   * when the second process hears that its session ended. */
  async function knownOnSecond(user: { token: string }) {
    expect((await me(second, user.token)).status).toBe(200);
    return connectAs(secondBase, user);
  }

  it('rejects a logged-out token on the process that logged it out, on the very next request', async () => {
    const user = await createUser(first.app);
    expect((await me(first, user.token)).status).toBe(200);
    expect((await api(first.app, 'POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(200);
    expect((await me(first, user.token)).status).toBe(401);
  });

  it('rejects a token logged out on one process on the other as soon as the bus message arrives', async () => {
    const user = await createUser(first.app);
    const laptop = await login(first.app, user.email, user.password);
    const socket = await knownOnSecond(user);
    expect((await me(second, laptop.token)).status).toBe(200);

    expect((await api(first.app, 'POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(200);
    await socket.closed;
    expect((await me(second, user.token)).status).toBe(401);
    expect((await me(second, laptop.token)).status).toBe(200);
  });

  it('rejects the other sessions of a user who changed the password, on every process', async () => {
    const user = await createUser(first.app);
    const phone = await login(first.app, user.email, user.password);
    const socket = await knownOnSecond(phone);
    expect((await me(second, user.token)).status).toBe(200);

    const change = await api(first.app, 'PUT', '/api/v1/users/me/password', {
      token: user.token,
      body: { currentPassword: user.password, newPassword: 'another long password' },
    });
    expect(change.status).toBe(200);
    await socket.closed;
    expect((await me(second, phone.token)).status).toBe(401);
    expect((await me(second, user.token)).status).toBe(200);
  });

  it('rejects every token of a deactivated account on every process', async () => {
    const user = await createUser(first.app);
    const phone = await login(first.app, user.email, user.password);
    const socket = await knownOnSecond(user);
    expect((await me(second, phone.token)).status).toBe(200);

    const remove = await api(first.app, 'DELETE', '/api/v1/users/me', {
      token: user.token,
      body: { password: user.password },
    });
    expect(remove.status).toBe(200);
    await socket.closed;
    expect((await me(second, user.token)).status).toBe(401);
    expect((await me(second, phone.token)).status).toBe(401);
  });

  it('shows a profile changed on one process on the other as soon as the bus message arrives', async () => {
    const user = await createUser(first.app);
    expect((await me(first, user.token)).body.data.firstName).toBe(user.firstName);
    expect((await me(second, user.token)).body.data.firstName).toBe(user.firstName);
    const edit = await api(first.app, 'PATCH', '/api/v1/users/me', {
      token: user.token,
      body: { firstName: 'Renamed', about: 'new about' },
    });
    expect(edit.status).toBe(200);
    expect((await me(first, user.token)).body.data).toMatchObject({
      firstName: 'Renamed',
      about: 'new about',
    });
    // The other process remembers the profile for an hour: only the bus message can change what it shows.
    await expect
      .poll(async () => (await me(second, user.token)).body.data.firstName, { timeout: 5000, interval: 20 })
      .toBe('Renamed');
    expect((await me(second, user.token)).body.data.about).toBe('new about');
  });

  it("shows on every process the last seen stamped when the user's last socket closed", async () => {
    const user = await createUser(first.app);
    expect((await me(first, user.token)).body.data.lastSeenAt).toBeNull();
    expect((await me(second, user.token)).body.data.lastSeenAt).toBeNull();
    const socket = await connectAs(await listen(first.app), user);
    await socket.close();
    await expect
      .poll(async () => (await me(second, user.token)).body.data.lastSeenAt, { timeout: 5000, interval: 20 })
      .toEqual(expect.any(String));
    expect((await me(first, user.token)).body.data.lastSeenAt).toBe(
      (await me(second, user.token)).body.data.lastSeenAt,
    );
  });

  it('rejects the session of a reused refresh token on every process', async () => {
    const user: TestUser = await createUser(first.app);
    const socket = await knownOnSecond(user);
    const body = { refreshToken: user.refreshToken };
    expect((await api(first.app, 'POST', '/api/v1/auth/refresh', { body })).status).toBe(200);
    expect((await api(first.app, 'POST', '/api/v1/auth/refresh', { body })).status).toBe(401);
    await socket.closed;
    expect((await me(second, user.token)).status).toBe(401);
  });
});

describe('sessions ended while the bus between processes is down', () => {
  let first: TestApp;
  let second: TestApp;
  const ttlMs = 300;
  beforeAll(async () => {
    // Two processes on one database, each with its own in-memory bus: no message crosses between them.
    first = await createTestApp({ env: { AUTH_CACHE_TTL: `${ttlMs}ms` } });
    second = await createTestApp({ database: first.database, env: { AUTH_CACHE_TTL: `${ttlMs}ms` } });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('stops accepting a logged-out token on the other process within AUTH_CACHE_TTL', async () => {
    const user = await createUser(first.app);
    expect((await me(second, user.token)).status).toBe(200);
    expect((await api(first.app, 'POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(200);
    const loggedOutAt = Date.now();
    await expect
      .poll(async () => (await me(second, user.token)).status, { timeout: 5000, interval: 20 })
      .toBe(401);
    // Generous slack for a busy machine, yet far below what any longer lifetime would give.
    expect(Date.now() - loggedOutAt).toBeLessThan(ttlMs + 2000);
  });

  it('shows a profile changed on the other process within AUTH_CACHE_TTL', async () => {
    const user = await createUser(first.app);
    expect((await me(second, user.token)).body.data.lastName).toBe(user.lastName);
    const edit = await api(first.app, 'PATCH', '/api/v1/users/me', {
      token: user.token,
      body: { lastName: 'Elsewhere' },
    });
    expect(edit.status).toBe(200);
    const editedAt = Date.now();
    await expect
      .poll(async () => (await me(second, user.token)).body.data.lastName, { timeout: 5000, interval: 20 })
      .toBe('Elsewhere');
    expect(Date.now() - editedAt).toBeLessThan(ttlMs + 2000);
  });

  it('checks every request against the database when AUTH_CACHE_SIZE is 0', async () => {
    const uncached = await createTestApp({
      database: first.database,
      env: { AUTH_CACHE_SIZE: '0', AUTH_CACHE_TTL: '1h' },
    });
    try {
      const user = await createUser(first.app);
      expect((await me(uncached, user.token)).status).toBe(200);
      expect((await api(first.app, 'POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(200);
      expect((await me(uncached, user.token)).status).toBe(401);
    } finally {
      await uncached.close();
    }
  });
});
