import { beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../src/realtime/bus.js';
import { createTestApp, useTestApp } from '../helpers/app.js';
import { createUser, createUsers, login } from '../helpers/factories.js';
import { api } from '../helpers/http.js';

const t = useTestApp();
const busMessages: BusMessage[] = [];

beforeAll(() => {
  t.bus.subscribe((message) => busMessages.push(message));
});

const me = (token: string) => api(t.app, 'GET', '/api/v1/users/me', { token });

describe('my profile', () => {
  it('shows my own profile with email and phone, never a hash', async () => {
    const user = await createUser(t.app);
    const response = await me(user.token);
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      id: user.id,
      email: user.email,
      firstName: user.firstName,
      phone: null,
      about: null,
      isVerified: false,
      profileImage: null,
    });
    expect(JSON.stringify(response.body)).not.toMatch(/password|hash/i);
  });

  it('changes first name, last name, phone and about, and null clears phone and about', async () => {
    const user = await createUser(t.app);
    const updated = await api(t.app, 'PATCH', '/api/v1/users/me', {
      token: user.token,
      body: { firstName: ' Grace ', lastName: 'Hopper', phone: '+1 555 0100', about: 'Compilers.' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({
      firstName: 'Grace',
      lastName: 'Hopper',
      phone: '+1 555 0100',
      about: 'Compilers.',
    });

    const cleared = await api(t.app, 'PATCH', '/api/v1/users/me', {
      token: user.token,
      body: { phone: null, about: null },
    });
    expect(cleared.body.data).toMatchObject({ firstName: 'Grace', phone: null, about: null });
    expect((await me(user.token)).body.data).toMatchObject({ lastName: 'Hopper', phone: null });
  });

  it('ignores fields that may not be set: isVerified, email, id, role', async () => {
    const user = await createUser(t.app);
    const response = await api(t.app, 'PATCH', '/api/v1/users/me', {
      token: user.token,
      body: {
        about: 'hi',
        isVerified: true,
        email: 'takeover@example.com',
        id: '00000000-0000-7000-8000-000000000000',
        role: 'admin',
        passwordHash: 'x',
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      id: user.id,
      email: user.email,
      isVerified: false,
      about: 'hi',
    });
    expect(response.body.data).not.toHaveProperty('role');
    // The password is untouched.
    await login(t.app, user.email, user.password);
  });

  it('refuses an about over 500 characters, an empty name and a malformed phone', async () => {
    const user = await createUser(t.app);
    for (const body of [{ about: 'a'.repeat(501) }, { firstName: '   ' }, { phone: 'call me' }]) {
      const response = await api(t.app, 'PATCH', '/api/v1/users/me', { token: user.token, body });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details![0]!.field).toBe(Object.keys(body)[0]);
    }
    const ok = await api(t.app, 'PATCH', '/api/v1/users/me', {
      token: user.token,
      body: { about: 'a'.repeat(500) },
    });
    expect(ok.status).toBe(200);
  });

  it('needs a token', async () => {
    expect((await api(t.app, 'GET', '/api/v1/users/me')).status).toBe(401);
    const patch = await api(t.app, 'PATCH', '/api/v1/users/me', { body: { about: 'x' } });
    expect(patch.status).toBe(401);
  });
});

describe('changing the password', () => {
  it('refuses a wrong current password with 401 INVALID_CREDENTIALS and keeps the session', async () => {
    const user = await createUser(t.app);
    const response = await api(t.app, 'PUT', '/api/v1/users/me/password', {
      token: user.token,
      body: { currentPassword: 'not my password', newPassword: 'a brand new password' },
    });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('INVALID_CREDENTIALS');
    expect((await me(user.token)).status).toBe(200);
    await login(t.app, user.email, user.password);
  });

  it('keeps this session, logs out the others, and only the new password logs in', async () => {
    const user = await createUser(t.app);
    const phone = await login(t.app, user.email, user.password);
    const response = await api(t.app, 'PUT', '/api/v1/users/me/password', {
      token: user.token,
      body: { currentPassword: user.password, newPassword: 'a brand new password' },
    });
    expect(response.status).toBe(200);
    expect((await me(user.token)).status).toBe(200);
    expect((await me(phone.token)).status).toBe(401);
    const refresh = await api(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: phone.refreshToken },
    });
    expect(refresh.status).toBe(401);
    const ownRefresh = await api(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    expect(ownRefresh.status).toBe(200);

    const old = await api(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(old.status).toBe(401);
    await login(t.app, user.email, 'a brand new password');
    expect(busMessages.filter((m) => m.kind === 'disconnect' && m.userId === user.id)).toEqual([
      expect.objectContaining({ reason: 'password_changed' }),
    ]);
  });

  it('refuses a new password that is too short', async () => {
    const user = await createUser(t.app);
    const response = await api(t.app, 'PUT', '/api/v1/users/me/password', {
      token: user.token,
      body: { currentPassword: user.password, newPassword: 'short' },
    });
    expect(response.status).toBe(422);
    expect(response.body.details![0]!.field).toBe('newPassword');
  });
});

describe('deleting my account', () => {
  it('refuses a wrong password', async () => {
    const user = await createUser(t.app);
    const response = await api(t.app, 'DELETE', '/api/v1/users/me', {
      token: user.token,
      body: { password: 'wrong password' },
    });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('INVALID_CREDENTIALS');
    expect((await me(user.token)).status).toBe(200);
  });

  it('deactivates the account: its tokens stop working, login is refused, the profile disappears', async () => {
    const user = await createUser(t.app, { firstName: 'Deleted', lastName: 'Person' });
    const other = await createUser(t.app);
    const laptop = await login(t.app, user.email, user.password);
    const response = await api(t.app, 'DELETE', '/api/v1/users/me', {
      token: user.token,
      body: { password: user.password },
    });
    expect(response.status).toBe(200);

    expect((await me(user.token)).status).toBe(401);
    expect((await me(laptop.token)).status).toBe(401);
    const refresh = await api(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: laptop.refreshToken },
    });
    expect(refresh.status).toBe(401);
    const relogin = await api(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(relogin.status).toBe(401);
    expect(relogin.body.code).toBe('INVALID_CREDENTIALS');

    const profile = await api(t.app, 'GET', `/api/v1/users/${user.id}`, { token: other.token });
    expect(profile.status).toBe(404);
    const search = await api(t.app, 'GET', '/api/v1/users?search=deleted', { token: other.token });
    expect(search.body.data.items).toEqual([]);
    expect(busMessages).toContainEqual({
      kind: 'disconnect',
      userId: user.id,
      reason: 'account_deactivated',
    });

    // No mail goes to a deactivated account either, and the recovery answer stays the same.
    const recovery = await api(t.app, 'POST', '/api/v1/auth/recovery-password', {
      body: { email: user.email },
    });
    expect(recovery.status).toBe(200);
  });
});

describe('finding people', () => {
  it('matches a case-insensitive prefix of first name, last name or full name, or an exact email', async () => {
    const searcher = await createUser(t.app);
    const ada = await createUser(t.app, {
      firstName: 'Adalind',
      lastName: 'Lovelock',
      email: 'countess@zz-search.test',
    });
    const bob = await createUser(t.app, {
      firstName: 'Bobbie',
      lastName: 'Adalwin',
      email: 'bobbie@zz-search.test',
    });
    await createUser(t.app, { firstName: 'Carol', lastName: 'Kadalin', email: 'carol@zz-search.test' });

    const search = async (q: string) => {
      const response = await api(t.app, 'GET', `/api/v1/users?search=${encodeURIComponent(q)}`, {
        token: searcher.token,
      });
      expect(response.status).toBe(200);
      return (response.body.data.items as { id: string }[]).map((item) => item.id);
    };
    expect(await search('ADAL')).toEqual([ada.id, bob.id]);
    expect(await search('lovel')).toEqual([ada.id]);
    expect(await search('adalind lov')).toEqual([ada.id]);
    expect(await search('countess@zz-search.test')).toEqual([ada.id]);
    expect(await search(' Countess@ZZ-Search.test ')).toEqual([ada.id]);
    expect(await search('zz-search')).toEqual([]);
    expect(await search('%')).toEqual([]);
    expect(await search('_obbie')).toEqual([]);
  });

  it('never matches part of an email address, so addresses cannot be guessed letter by letter', async () => {
    const searcher = await createUser(t.app);
    await createUser(t.app, { firstName: 'Hidden', lastName: 'Address', email: 'secret.mail@zz-probe.test' });
    for (const probe of [
      'secret',
      'secret.mail',
      'secret.mail@',
      'secret.mail@zz-probe',
      'zz-probe.test',
      '@zz',
    ]) {
      const response = await api(t.app, 'GET', `/api/v1/users?search=${encodeURIComponent(probe)}`, {
        token: searcher.token,
      });
      expect(response.status, probe).toBe(200);
      expect(response.body.data.items, probe).toEqual([]);
    }
  });

  it('refuses an empty search instead of listing everyone', async () => {
    const searcher = await createUser(t.app);
    for (const url of ['/api/v1/users', '/api/v1/users?search=', '/api/v1/users?search=%20%20']) {
      const response = await api(t.app, 'GET', url, { token: searcher.token });
      expect(response.status, url).toBe(422);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details![0]!.field).toBe('search');
    }
  });

  it('answers 429 to a user who searches more than USER_SEARCH_RATE_LIMIT times a minute', async () => {
    const limited = await createTestApp({ env: { USER_SEARCH_RATE_LIMIT: '3' }, database: t.database });
    try {
      const searcher = await createUser(limited.app);
      const other = await createUser(limited.app);
      const search = (user: { token: string }) =>
        api(limited.app, 'GET', '/api/v1/users?search=someone', { token: user.token });
      for (let i = 0; i < 3; i++) {
        const response = await search(searcher);
        expect(response.status).toBe(200);
        expect(response.headers['x-ratelimit-limit']).toBe('3');
      }
      const blocked = await search(searcher);
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('RATE_LIMITED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
      // Each user has their own allowance.
      expect((await search(other)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('shows public profiles only', async () => {
    const searcher = await createUser(t.app);
    await createUser(t.app, { firstName: 'Publicly', lastName: 'Shown' });
    const response = await api(t.app, 'GET', '/api/v1/users?search=publicly', { token: searcher.token });
    expect(response.body.data.items).toHaveLength(1);
    expect(Object.keys(response.body.data.items[0]!).sort()).toEqual(
      ['about', 'firstName', 'id', 'lastName', 'lastSeenAt', 'profileImage'].sort(),
    );
  });

  it('pages through results with an opaque cursor', async () => {
    const searcher = await createUser(t.app);
    const created: string[] = [];
    for (const name of ['Pagea', 'Pageb', 'Pagec', 'Paged', 'Pagee']) {
      created.push((await createUser(t.app, { firstName: name, lastName: 'Zpager' })).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const after: string = cursor ? `&cursor=${cursor}` : '';
      const response = await api(t.app, 'GET', `/api/v1/users?search=zpager&limit=2${after}`, {
        token: searcher.token,
      });
      expect(response.status).toBe(200);
      expect(response.body.data.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.data.items.map((item) => item.id));
      cursor = response.body.data.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(created);
    expect(pages).toBe(3);
  });

  it('refuses a tampered cursor, a limit over 100 and a missing token', async () => {
    const searcher = await createUser(t.app);
    const tampered = await api(t.app, 'GET', '/api/v1/users?search=a&cursor=not-a-cursor', {
      token: searcher.token,
    });
    expect(tampered.status).toBe(422);
    const tooMany = await api(t.app, 'GET', '/api/v1/users?search=a&limit=101', { token: searcher.token });
    expect(tooMany.status).toBe(422);
    expect((await api(t.app, 'GET', '/api/v1/users?search=a')).status).toBe(401);
  });
});

describe('public profiles', () => {
  it("shows someone's public profile and nothing private", async () => {
    const [viewer, other] = await createUsers(t.app, 2);
    await api(t.app, 'PATCH', '/api/v1/users/me', {
      token: other.token,
      body: { about: 'Hello there', phone: '+44 20 7946 0000' },
    });
    const response = await api(t.app, 'GET', `/api/v1/users/${other.id}`, { token: viewer.token });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      id: other.id,
      firstName: other.firstName,
      lastName: other.lastName,
      about: 'Hello there',
      profileImage: null,
      lastSeenAt: null,
    });
  });

  it('answers 404 for an unknown id and 422 for something that is not an id', async () => {
    const viewer = await createUser(t.app);
    const unknown = await api(t.app, 'GET', '/api/v1/users/01890000-0000-7000-8000-000000000000', {
      token: viewer.token,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const bad = await api(t.app, 'GET', '/api/v1/users/not-a-uuid', { token: viewer.token });
    expect(bad.status).toBe(422);
    expect(bad.body.details![0]!.field).toBe('userId');
  });
});
