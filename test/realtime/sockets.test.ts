import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/http/log-redaction.js';
import { TEST_JWT_SECRET, useTestApp } from '../helpers/app.js';
import { createDirect } from '../helpers/conversations.js';
import { createUser, login } from '../helpers/factories.js';
import { api, openApiDocument } from '../helpers/http.js';
import { connectAs, openSocket, openSocketAt } from '../helpers/ws.js';

const t = useTestApp({ env: { WS_AUTH_TIMEOUT: '1s' } });

describe('authenticating a socket', () => {
  it('accepts the access token in the query and says ready', async () => {
    const user = await createUser(t.app);
    const socket = await openSocket(t.base, user.token);
    expect(await socket.next('ready')).toMatchObject({ userId: user.id });
    await socket.close();
  });

  it('accepts the token in a first auth frame', async () => {
    const user = await createUser(t.app);
    const socket = await openSocket(t.base);
    socket.send({ type: 'auth', token: user.token });
    expect(await socket.next('ready')).toMatchObject({ userId: user.id });
    await socket.sync();
    await socket.close();
  });

  it('refuses a bad token with 4401 and says why', async () => {
    const socket = await openSocket(t.base, 'not-a-token');
    const error = await socket.next('error');
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await socket.closed).toMatchObject({ code: 4401 });
    expect(socket.of('ready')).toEqual([]);
  });

  it('opens the same socket whatever form the URL takes, and refuses a bad token the same way', async () => {
    const user = await createUser(t.app);
    const urls = [
      `${t.base}/api/v1/ws/?token=${user.token}`,
      `${t.base}/api/v1/ws?token=${user.token}&client=web`,
      `${t.base}/api/v1/ws?client=web&token=${encodeURIComponent(user.token)}`,
    ];
    for (const url of urls) {
      const socket = await openSocketAt(url);
      expect({ url, ready: await socket.next('ready') }).toMatchObject({ url, ready: { userId: user.id } });
      await socket.close();
    }
    const [header, payload, signature] = user.token.split('.');
    const refused = [
      `${t.base}/api/v1/ws?token=${header}.${payload}.${signature!.slice(0, -4)}`,
      `${t.base}/api/v1/ws/?token=${header}.${payload}.${signature}%20`,
    ];
    for (const url of refused) {
      const socket = await openSocketAt(url);
      expect({ url, error: await socket.next('error') }).toMatchObject({
        url,
        error: { code: 'UNAUTHENTICATED' },
      });
      expect(await socket.closed).toMatchObject({ code: 4401 });
      expect(socket.of('ready')).toEqual([]);
    }
  });

  it('admits a burst of sockets opened at once, each as its own user, and refuses only ended sessions', async () => {
    const users = await Promise.all(Array.from({ length: 24 }, () => createUser(t.app)));
    // Pairs share a direct chat: each member of a pair is the other's presence audience.
    for (let i = 0; i < users.length; i += 2) await createDirect(t.app, users[i]!, users[i + 1]!);
    const ended = new Set(users.filter((_, i) => i % 6 === 5));
    for (const user of ended) {
      expect((await api(t.app, 'POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(200);
    }
    const sockets = await Promise.all(users.map((user) => openSocket(t.base, user.token)));
    for (const [i, user] of users.entries()) {
      const socket = sockets[i]!;
      const partner = users[i % 2 === 0 ? i + 1 : i - 1]!;
      if (ended.has(user)) {
        expect(await socket.closed).toMatchObject({ code: 4401 });
        expect(socket.of('ready')).toEqual([]);
        continue;
      }
      expect(await socket.next('ready')).toMatchObject({ userId: user.id });
      if (!ended.has(partner)) {
        expect(await socket.next('presence', (data) => data.userId === partner.id)).toMatchObject({
          online: true,
        });
      }
    }
    await Promise.all(sockets.map((socket) => socket.close()));
    // Whose partner never connected was never told they came online.
    for (const [i, user] of users.entries()) {
      if (!ended.has(user)) continue;
      const partnerSocket = sockets[i % 2 === 0 ? i + 1 : i - 1]!;
      expect(partnerSocket.of('presence').filter((data) => data.userId === user.id)).toEqual([]);
    }
  });

  it("starts each of a user's devices opened at once with the same full presence picture", async () => {
    const [user, ...contacts] = await Promise.all(Array.from({ length: 4 }, () => createUser(t.app)));
    for (const contact of contacts) await createDirect(t.app, user!, contact);
    const contactSockets = await Promise.all(contacts.map((contact) => openSocket(t.base, contact.token)));
    for (const socket of contactSockets) await socket.next('ready');
    // Three devices: the first login, and two more sessions of the same account.
    const tokens = [
      user!.token,
      (await login(t.app, user!.email, user!.password)).token,
      (await login(t.app, user!.email, user!.password)).token,
    ];
    const devices = await Promise.all([...tokens, user!.token].map((token) => openSocket(t.base, token)));
    for (const device of devices) {
      await device.next('ready');
      const before = device.frames.slice(
        0,
        device.frames.findIndex((frame) => frame.type === 'ready'),
      );
      expect(
        before.map((frame) => (frame.type === 'presence' ? frame.data.userId : frame.type)).sort(),
      ).toEqual(contacts.map((contact) => contact.id).sort());
    }
    for (const socket of contactSockets) {
      await socket.sync();
      expect(socket.of('presence').filter((data) => data.userId === user!.id && data.online)).toHaveLength(1);
    }
    await Promise.all([...devices, ...contactSockets].map((socket) => socket.close()));
  });

  it('refuses an expired token with 4401 TOKEN_EXPIRED', async () => {
    const user = await createUser(t.app);
    const { sid } = decodeJwt(user.token);
    const expired = await new SignJWT({ sid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const socket = await openSocket(t.base, expired);
    const closed = await socket.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toContain('TOKEN_EXPIRED');
  });

  it('refuses the token of a session that logged out', async () => {
    const user = await createUser(t.app);
    expect((await api(t.app, 'POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(200);
    const socket = await openSocket(t.base);
    socket.send({ type: 'auth', token: user.token });
    expect(await socket.closed).toMatchObject({ code: 4401 });
    expect(socket.of('ready')).toEqual([]);
  });

  it('closes a socket that sends anything before authenticating', async () => {
    const socket = await openSocket(t.base);
    socket.send({ type: 'ping' });
    expect(await socket.closed).toMatchObject({ code: 4401 });
  });

  it('closes a socket that never authenticates with 4408', async () => {
    const socket = await openSocket(t.base);
    const closed = await socket.closed;
    expect(closed.code).toBe(4408);
    expect(closed.reason).toMatch(/auth/i);
  });

  it('answers a plain HTTP request with 426 in the envelope', async () => {
    const response = await api(t.app, 'GET', '/api/v1/ws');
    expect(response.status).toBe(426);
    expect(response.body).toMatchObject({ error: true, status: 426, code: 'UPGRADE_REQUIRED' });
  });

  it('keeps the query token out of request logs', () => {
    expect(redactUrl('/api/v1/ws?token=eyJabc.def&x=1')).toBe('/api/v1/ws?token=[redacted]&x=1');
  });

  it('documents the protocol in the OpenAPI document', async () => {
    const doc = await openApiDocument(t.app);
    const description = doc.paths['/api/v1/ws']?.get?.description;
    expect(description).toContain('4401');
    expect(description).toContain('/changes?since=');
  });
});

describe('frames from the client', () => {
  it('answers ping with pong, echoing its data', async () => {
    const user = await createUser(t.app);
    const socket = await connectAs(t.base, user);
    socket.send({ type: 'ping', data: { n: 7 } });
    expect(await socket.next('pong')).toEqual({ n: 7 });
    await socket.close();
  });

  it('answers malformed and unknown frames with error frames and stays open', async () => {
    const user = await createUser(t.app);
    const socket = await connectAs(t.base, user);
    socket.send('{"type": ');
    socket.send('[1, 2]');
    socket.send({ data: {} });
    socket.send({ type: 'dance', data: {} });
    socket.send({ type: 'typing', data: {} });
    socket.send({ type: 'ack', data: { messageId: 'nope' } });
    socket.send({ type: 'typing', data: 'not an object' });
    socket.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await socket.sync();
    expect(socket.of('error').map((error) => error.code)).toEqual([
      'BAD_FRAME',
      'BAD_FRAME',
      'BAD_FRAME',
      'UNKNOWN_TYPE',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'BAD_FRAME',
      'BAD_FRAME',
    ]);
    for (const error of socket.of('error')) expect(typeof error.message).toBe('string');
    await socket.close();
  });

  it('answers typing in a conversation the user is not in with NOT_FOUND', async () => {
    const user = await createUser(t.app);
    const socket = await connectAs(t.base, user);
    socket.send({ type: 'typing', data: { conversationId: '0190a0a0-0000-7000-8000-000000000000' } });
    expect(await socket.next('error')).toMatchObject({ code: 'NOT_FOUND', frameType: 'typing' });
    await socket.close();
  });

  it('closes a socket that sends a frame over 64 KB, and keeps serving others', async () => {
    const user = await createUser(t.app);
    const big = await connectAs(t.base, user);
    const other = await connectAs(t.base, user);
    big.send({ type: 'ping', data: { pad: 'x'.repeat(70 * 1024) } });
    expect(await big.closed).toMatchObject({ code: 1009 });
    await other.sync();
    await other.close();
  });

  it('says ALREADY_AUTHENTICATED to a second auth frame', async () => {
    const user = await createUser(t.app);
    const socket = await connectAs(t.base, user);
    socket.send({ type: 'auth', token: user.token });
    expect(await socket.next('error')).toMatchObject({ code: 'ALREADY_AUTHENTICATED' });
    await socket.close();
  });
});

describe('ending a session', () => {
  it('closes the live sockets of a session that logs out, and only those', async () => {
    const user = await createUser(t.app);
    const second = await login(t.app, user.email, user.password);
    const phone = await connectAs(t.base, user);
    const laptop = await connectAs(t.base, second);
    expect((await api(t.app, 'POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(200);
    const closed = await phone.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toContain('logout');
    await laptop.sync();
    await laptop.close();
  });

  it('closes every socket of a deleted account', async () => {
    const user = await createUser(t.app);
    const second = await login(t.app, user.email, user.password);
    const phone = await connectAs(t.base, user);
    const laptop = await connectAs(t.base, second);
    const response = await api(t.app, 'DELETE', '/api/v1/users/me', {
      token: user.token,
      body: { password: user.password },
    });
    expect(response.status).toBe(200);
    expect((await phone.closed).code).toBe(4401);
    expect((await laptop.closed).code).toBe(4401);
  });
});
