// Two server processes (two app instances, each with its own Redis connections) sharing one database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisBus } from '../../src/realtime/bus.js';
import { RedisPresenceStore } from '../../src/realtime/presence-store.js';
import { redisClient } from '../../src/runtime.js';
import { createTestApp, presencePrefixFor, type TestApp } from '../helpers/app.js';
import { createDirect, inboxEntry } from '../helpers/conversations.js';
import { createUser, createUsers, login } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { markRead, sendMessage } from '../helpers/messages.js';
import { connectAs, listen } from '../helpers/ws.js';

// CI always sets REDIS_URL, so this runs there; a laptop without Redis skips it, and says so.
const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  console.warn(
    'SKIPPING test/realtime/redis.test.ts: set REDIS_URL=redis://127.0.0.1:6379 to run the multi-process tests',
  );
}

describe.skipIf(!redisUrl)('two processes sharing PostgreSQL and Redis', () => {
  let first: TestApp;
  let second: TestApp;
  let firstBase: string;
  let secondBase: string;
  beforeAll(async () => {
    first = await createTestApp({ redis: true });
    second = await createTestApp({ redis: true, database: first.database });
    firstBase = await listen(first.app);
    secondBase = await listen(second.app);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('delivers a message sent through one process to a socket on the other', async () => {
    const alice = await createUser(first.app);
    const bob = await createUser(first.app);
    const chat = await createDirect(first.app, alice, bob);
    const aliceOnSecond = await connectAs(secondBase, alice);
    const bobOnFirst = await connectAs(firstBase, bob);

    const sent = await sendMessage(first.app, bob, chat.id, 'across processes', { clientMessageId: 'c-1' });
    expect(await aliceOnSecond.next('message.created', (m) => m.id === sent.id, 1000)).toMatchObject({
      content: 'across processes',
      senderId: bob.id,
    });
    expect(await bobOnFirst.next('message.created', (m) => m.id === sent.id)).toMatchObject({
      clientMessageId: 'c-1',
    });

    // Typing raised on the second process reaches the first.
    aliceOnSecond.send({ type: 'typing', data: { conversationId: chat.id } });
    expect(await bobOnFirst.next('typing')).toMatchObject({ conversationId: chat.id, userId: alice.id });
    await aliceOnSecond.close();
    await bobOnFirst.close();
  });

  it('counts presence over both processes: offline only when the last socket anywhere closes', async () => {
    const alice = await createUser(first.app);
    const bob = await createUser(first.app);
    await createDirect(first.app, alice, bob);
    const aliceSocket = await connectAs(secondBase, alice);
    const bobOnFirst = await connectAs(firstBase, bob);
    await aliceSocket.next('presence', (p) => p.userId === bob.id && p.online);
    const bobOnSecond = await connectAs(secondBase, {
      token: (await login(first.app, bob.email, bob.password)).token,
    });
    expect(await bobOnSecond.next('presence', (p) => p.userId === alice.id)).toMatchObject({ online: true });

    await bobOnFirst.close();
    await bobOnSecond.close();
    const offline = await aliceSocket.next('presence', (p) => p.userId === bob.id && !p.online);
    expect(offline.lastSeenAt).toEqual(expect.any(String));
    // One "online" (his second device changed nothing) and one "offline" (when the last one closed).
    expect(
      aliceSocket
        .of('presence')
        .filter((p) => p.userId === bob.id)
        .map((p) => p.online),
    ).toEqual([true, false]);
    await aliceSocket.close();
  });

  it('closes a socket on the other process when its session logs out', async () => {
    const user = await createUser(first.app);
    const socket = await connectAs(secondBase, user);
    expect((await api(first.app, 'POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(200);
    const closed = await socket.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toContain('logout');
  });

  it('shows in a list kept on the other process what changed here, as soon as the bus has carried it', async () => {
    const [alice, bob] = await createUsers(first.app, 2);
    const chat = await createDirect(first.app, alice, bob);
    // Alice's list, read (and kept) on the second process; her socket there tells when the bus has delivered.
    expect((await inboxEntry(second.app, alice, chat.id))!.lastMessage).toBeNull();
    const aliceOnSecond = await connectAs(secondBase, alice);

    const sent = await sendMessage(first.app, bob, chat.id, 'kept over there');
    await aliceOnSecond.next('message.created', (m) => m.id === sent.id);
    expect(await inboxEntry(second.app, alice, chat.id)).toMatchObject({
      lastMessage: { id: sent.id, content: 'kept over there' },
      unreadCount: 1,
    });

    await markRead(first.app, alice, chat.id, sent.id);
    await aliceOnSecond.next(
      'receipt.updated',
      (r) => r.userId === alice.id && r.lastReadMessageId === sent.id,
    );
    expect((await inboxEntry(second.app, alice, chat.id))!.unreadCount).toBe(0);

    // Bob renames himself on the first process: no event reaches Alice, the page showing him is still
    // read again, well within AUTH_CACHE_TTL (5 s).
    const renamed = await api(first.app, 'PATCH', '/api/v1/users/me', {
      token: bob.token,
      body: { firstName: 'Robert' },
    });
    expect(renamed.status).toBe(200);
    const deadline = Date.now() + 1_000;
    let shown = (await inboxEntry(second.app, alice, chat.id))!.otherUser!.firstName;
    while (shown !== 'Robert' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      shown = (await inboxEntry(second.app, alice, chat.id))!.otherUser!.firstName;
    }
    expect(shown).toBe('Robert');
    await aliceOnSecond.close();
  });

  it('announces offline the users of a process that died without closing its sockets', async () => {
    const alice = await createUser(first.app);
    const bob = await createUser(first.app);
    await createDirect(first.app, alice, bob);
    // A process with fast heartbeats on the same deployment: it notices lapsed sockets within ~100 ms.
    const watcher = await createTestApp({
      redis: true,
      database: first.database,
      env: { WS_HEARTBEAT_INTERVAL: '100ms' },
    });
    const aliceSocket = await connectAs(firstBase, alice);
    // Bob's socket lived on a process that crashed: its entry was last refreshed and then never again.
    const crashed = new RedisPresenceStore(redisClient(redisUrl!), 1, presencePrefixFor(first.database));
    await crashed.connect(bob.id, 'socket-on-a-dead-process');
    await crashed.close();

    const offline = await aliceSocket.next('presence', (p) => p.userId === bob.id && !p.online);
    expect(offline.lastSeenAt).toEqual(expect.any(String));
    await aliceSocket.close();
    await watcher.close();
  });
});

describe.skipIf(!redisUrl)('Redis failing after a write has committed', () => {
  let t: TestApp;
  let bus: RedisBus;
  beforeAll(async () => {
    const publisher = redisClient(redisUrl!);
    bus = new RedisBus(publisher, redisClient(redisUrl!));
    await bus.start();
    t = await createTestApp({ bus });
    // From here on every publish fails, as it would with Redis gone.
    publisher.disconnect();
  });
  afterAll(async () => {
    await t?.close();
    await bus?.close();
  });

  it('still answers the committed logout, password change and message with success', async () => {
    const [alice, bob] = await createUsers(t.app, 2);
    const chat = await createDirect(t.app, alice, bob);
    const sent = await api(t.app, 'POST', `/api/v1/conversations/${chat.id}/messages`, {
      token: alice.token,
      body: { content: 'sent while Redis is down' },
    });
    expect(sent.status).toBe(201);

    const other = await login(t.app, alice.email, alice.password);
    const changed = await api(t.app, 'PUT', '/api/v1/users/me/password', {
      token: alice.token,
      body: { currentPassword: alice.password, newPassword: 'a brand new password' },
    });
    expect(changed.status).toBe(200);
    expect((await api(t.app, 'GET', '/api/v1/users/me', { token: other.token })).status).toBe(401);

    expect((await api(t.app, 'POST', '/api/v1/auth/logout', { token: alice.token })).status).toBe(200);
    expect((await api(t.app, 'GET', '/api/v1/users/me', { token: alice.token })).status).toBe(401);
  });
});
