// Fan-out through real sockets: who a message just sent reaches (its audience comes from the statement
// that wrote it, in a batch of sends or alone), frames that leave together keep their order, a client
// that stops reading is closed, and a new socket gets the presence picture before `ready`.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { addToGroup, createDirect, createGroup, removeFromGroup } from '../helpers/conversations.js';
import { createUsers, login, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { messagesUrl, sendMessage } from '../helpers/messages.js';
import { openSocket, type TestSocket } from '../helpers/ws.js';

const t = useTestApp();

const createdIds = (socket: TestSocket, conversationId: string) =>
  socket
    .of('message.created')
    .filter((m) => m.conversationId === conversationId)
    .map((m) => m.id);

/** Forwards `messageId` of `from` into `to` as `user` (written on its own, not in a batch of sends). */
async function forward(user: TestUser, from: string, messageId: string, to: string): Promise<string> {
  const response = await api(t.app, 'POST', `${messagesUrl(from)}/${messageId}/forward`, {
    token: user.token,
    body: { conversationIds: [to] },
  });
  expect(response.status).toBe(201);
  return response.body.data.items[0]!.id;
}

describe('who a message just sent reaches', () => {
  it('a removed member hears nothing sent after the removal, in a batch or on its own', async () => {
    const [owner, stays, removed] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, owner, [stays, removed]);
    const elsewhere = await createDirect(t.app, owner, stays);
    const removedSocket = await t.online(removed);
    const staysSocket = await t.online(stays);
    const before = await sendMessage(t.app, owner, group.id, 'while you are here');
    await removedSocket.next('message.created', (m) => m.id === before.id);

    await removeFromGroup(t.app, group.id, owner, removed);
    await removedSocket.next('participant.removed', (p) => p.userId === removed.id);
    const after = await sendMessage(t.app, owner, group.id, 'after you left');
    const source = await sendMessage(t.app, owner, elsewhere.id, 'worth passing on');
    const forwarded = await forward(owner, elsewhere.id, source.id, group.id);
    await staysSocket.next('message.created', (m) => m.id === after.id);
    await staysSocket.next('message.created', (m) => m.id === forwarded);
    await removedSocket.sync();
    expect(createdIds(removedSocket, group.id)).toEqual([before.id]);
  });

  it('a member who joins hears what is sent from then on, and nothing from before', async () => {
    const [owner, early, late] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, owner, [early]);
    const elsewhere = await createDirect(t.app, owner, early);
    const lateSocket = await t.online(late);
    const first = await sendMessage(t.app, owner, group.id, 'before you joined');
    await addToGroup(t.app, group.id, owner, late);
    const second = await sendMessage(t.app, early, group.id, 'welcome');
    const source = await sendMessage(t.app, owner, elsewhere.id, 'worth passing on');
    const forwarded = await forward(owner, elsewhere.id, source.id, group.id);
    await lateSocket.next('message.created', (m) => m.id === forwarded);
    await lateSocket.sync();
    expect(createdIds(lateSocket, group.id)).toEqual([second.id, forwarded]);
    expect(JSON.stringify(lateSocket.frames)).not.toContain(first.id);
  });

  it('a message withheld from someone who blocked the sender reaches only the sender, in a batch or on its own', async () => {
    const [alice, bob, carol] = await createUsers(t.app, 3);
    const chat = await createDirect(t.app, alice, bob);
    const elsewhere = await createDirect(t.app, bob, carol);
    const aliceSocket = await t.online(alice);
    const bobSocket = await t.online(bob);
    const hello = await sendMessage(t.app, bob, chat.id, 'hello');
    await aliceSocket.next('message.created', (m) => m.id === hello.id);
    expect((await api(t.app, 'PUT', `/api/v1/users/${bob.id}/block`, { token: alice.token })).status).toBe(
      200,
    );

    const withheld = await sendMessage(t.app, bob, chat.id, 'are you there?');
    const source = await sendMessage(t.app, bob, elsewhere.id, 'look at this');
    const forwarded = await forward(bob, elsewhere.id, source.id, chat.id);
    await bobSocket.next('message.created', (m) => m.id === withheld.id);
    await bobSocket.next('message.created', (m) => m.id === forwarded);
    await aliceSocket.sync();
    expect(createdIds(aliceSocket, chat.id)).toEqual([hello.id]);
  });
});

describe('frames for one socket', () => {
  it('arrive in the order they were produced, also when several conversations deliver at once', async () => {
    const [reader, ...senders] = await createUsers(t.app, 6);
    const groups = await Promise.all(senders.map((sender) => createGroup(t.app, sender, [reader])));
    const readerSocket = await t.online(reader);
    const sent = new Map<string, string[]>();
    // Five senders at once, each into their own group, ten messages each: frames from several
    // conversations reach the reader's socket in the same turns of the server's event loop.
    await Promise.all(
      senders.map(async (sender, i) => {
        const group = groups[i]!;
        const ids: string[] = [];
        sent.set(group.id, ids);
        for (let n = 0; n < 10; n += 1) {
          ids.push((await sendMessage(t.app, sender, group.id, `message ${n} from sender ${i}`)).id);
          if (n % 3 === 0) await readerSocket.sync();
        }
      }),
    );
    await readerSocket.sync();
    for (const group of groups) expect(createdIds(readerSocket, group.id)).toEqual(sent.get(group.id));
    expect(readerSocket.of('message.created')).toHaveLength(50);
  });

  it('close a client that stopped reading once a megabyte waits for it; its other socket gets everything', async () => {
    const [sender, reader] = await createUsers(t.app, 2);
    const chat = await createDirect(t.app, sender, reader);
    const stalled = await openSocket(t.base, reader.token);
    await stalled.next('ready');
    const reading = await t.online({ token: (await login(t.app, reader.email, reader.password)).token });
    // The stalled client stops reading from its TCP socket: what the server sends piles up, first in the
    // kernel's buffers (a few MB on loopback), then in the server's.
    stalled.ws.pause();
    // 16 KB frames: 4,096 four-byte emoji is the longest message there is.
    const content = '😀'.repeat(4096);
    const ids: string[] = [];
    for (let batch = 0; batch < 20; batch += 1) {
      const sends = Array.from({ length: 20 }, () =>
        api(t.app, 'POST', messagesUrl(chat.id), { token: sender.token, body: { content } }),
      );
      for (const response of await Promise.all(sends)) {
        expect(response.status).toBe(201);
        ids.push(response.body.data.id);
      }
    }
    await reading.next('message.created', (m) => m.id === ids.at(-1), 20_000);
    await reading.sync();
    expect(new Set(reading.of('message.created').map((m) => m.id)).size).toBe(ids.length);

    stalled.ws.resume();
    const stillOpen = new Promise((resolve) => {
      setTimeout(resolve, 30_000, 'still open 30 s after it read again').unref();
    });
    expect(await Promise.race([stalled.closed, stillOpen])).toMatchObject({ code: 4429 });
    // It got what was sent before it fell behind, and nothing after it was closed.
    const got = stalled.of('message.created').length;
    expect(got).toBeGreaterThan(0);
    expect(got).toBeLessThan(ids.length);
  }, 120_000);
});

describe('a socket that opens', () => {
  it('is told every online contact before ready, and each contact hears of it once', async () => {
    const [user, offline, ...contacts] = await createUsers(t.app, 5);
    for (const other of [offline, ...contacts]) await createDirect(t.app, user, other);
    const contactSockets = await Promise.all(contacts.map((contact) => t.online(contact)));

    const socket = await t.online(user);
    const ready = socket.frames.findIndex((frame) => frame.type === 'ready');
    const before = socket.frames.slice(0, ready);
    const presence = before.flatMap((frame) => (frame.type === 'presence' ? [frame.data] : []));
    expect(presence).toHaveLength(before.length);
    expect(presence.every((p) => p.online)).toBe(true);
    expect(presence.map((p) => p.userId).sort()).toEqual(contacts.map((c) => c.id).sort());

    for (const contactSocket of contactSockets) {
      await contactSocket.next('presence', (p) => p.userId === user.id && p.online);
      await contactSocket.sync();
      expect(contactSocket.of('presence').filter((p) => p.userId === user.id)).toHaveLength(1);
    }
  });
});
