// The outsider's side of every visibility rule: non-members, former members, late joiners and messages
// of one conversation addressed through another all get 404 and no data; concurrent retries never
// duplicate; markers never move back.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { addToGroup, createDirect, createGroup, removeFromGroup } from '../helpers/conversations.js';
import { createUser, createUsers, type TestUser } from '../helpers/factories.js';
import { type ApiResponse, api } from '../helpers/http.js';
import { messagesUrl, recordEvents, sendMessage } from '../helpers/messages.js';
import { connectAs, listen } from '../helpers/ws.js';

const t = useTestApp();
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dave: TestUser;

beforeAll(async () => {
  [alice, bob, carol, dave] = await createUsers(t.app, 4);
});

const conv = (id: string) => `/api/v1/conversations/${id}` as const;

/** Asserts a 404 envelope that carries no data. */
function expectHidden(response: ApiResponse<unknown>, where: string) {
  expect(response.status, `${where}: ${JSON.stringify(response.body)}`).toBe(404);
  expect(response.body).toMatchObject({ error: true, status: 404, code: 'NOT_FOUND' });
  expect(response.body.data).toBeUndefined();
}

describe('a message of another conversation, addressed through one the caller is in', () => {
  it('is 404 for read, receipts, read marker, delete, hide and forward; 422 as a reply target', async () => {
    const mine = await createGroup(t.app, alice, [bob]);
    const theirs = await createGroup(t.app, carol, [dave]);
    const secret = await sendMessage(t.app, carol, theirs.id, 'not for alice');
    const url = `${messagesUrl(mine.id)}/${secret.id}` as const;
    const token = alice.token;

    expectHidden(await api(t.app, 'GET', url, { token }), 'single');
    expectHidden(await api(t.app, 'GET', `${url}/receipts`, { token }), 'receipts');
    expectHidden(await api(t.app, 'DELETE', url, { token }), 'delete');
    expectHidden(await api(t.app, 'DELETE', `${url}?scope=me`, { token }), 'hide');
    expectHidden(
      await api(t.app, 'POST', `${url}/forward`, { token, body: { conversationIds: [mine.id] } }),
      'forward',
    );
    expectHidden(
      await api(t.app, 'POST', `${conv(mine.id)}/read`, { token, body: { messageId: secret.id } }),
      'read',
    );
    // A reply target that does not exist and one the caller may not see answer alike.
    const reply = await api(t.app, 'POST', messagesUrl(mine.id), {
      token,
      body: { content: 'x', replyToId: secret.id },
    });
    const ghost = await api(t.app, 'POST', messagesUrl(mine.id), {
      token,
      body: { content: 'x', replyToId: randomUUID() },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.message).toBe(ghost.body.message);

    // Nothing changed on their side.
    const still = await api(t.app, 'GET', `${messagesUrl(theirs.id)}/${secret.id}`, { token: carol.token });
    expect(still.body.data).toMatchObject({ content: 'not for alice', deleted: false });
  });
});

describe('a non-member', () => {
  it('gets 404 (never 403, never data) on every route of a conversation', async () => {
    const group = await createGroup(t.app, carol, [dave]);
    const message = await sendMessage(t.app, carol, group.id, 'members only');
    const invite = await api(t.app, 'POST', `${conv(group.id)}/invites`, { token: carol.token, body: {} });
    const own = await createGroup(t.app, alice, [bob]);
    const token = alice.token;
    const probes: [string, 'GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['details', 'GET', conv(group.id)],
      ['rename', 'PATCH', conv(group.id), { title: 'mine now' }],
      ['delete', 'DELETE', conv(group.id)],
      ['participants', 'GET', `${conv(group.id)}/participants`],
      ['add', 'POST', `${conv(group.id)}/participants`, { userId: alice.id }],
      ['promote', 'PATCH', `${conv(group.id)}/participants/${dave.id}`, { role: 'admin' }],
      ['remove', 'DELETE', `${conv(group.id)}/participants/${dave.id}`],
      ['leave', 'DELETE', `${conv(group.id)}/participants/${alice.id}`],
      ['list', 'GET', messagesUrl(group.id)],
      ['send', 'POST', messagesUrl(group.id), { content: 'let me in' }],
      ['single', 'GET', `${messagesUrl(group.id)}/${message.id}`],
      ['receipts', 'GET', `${messagesUrl(group.id)}/${message.id}/receipts`],
      ['delete message', 'DELETE', `${messagesUrl(group.id)}/${message.id}`],
      [
        'forward out',
        'POST',
        `${messagesUrl(group.id)}/${message.id}/forward`,
        { conversationIds: [own.id] },
      ],
      ['read', 'POST', `${conv(group.id)}/read`, { messageId: message.id }],
      ['changes', 'GET', `${conv(group.id)}/changes`],
      ['invites', 'GET', `${conv(group.id)}/invites`],
      ['new invite', 'POST', `${conv(group.id)}/invites`, {}],
      ['revoke invite', 'DELETE', `${conv(group.id)}/invites/${invite.body.data.code}`],
      ['photo delete', 'DELETE', `${conv(group.id)}/image`],
    ];
    for (const [name, method, url, body] of probes) {
      expectHidden(await api(t.app, method, url, { token, ...(body ? { body } : {}) }), name);
    }
    // Forwarding a message of my own into their group is refused as if it did not exist, and writes nothing.
    const mine = await sendMessage(t.app, alice, own.id, 'spam');
    expectHidden(
      await api(t.app, 'POST', `${messagesUrl(own.id)}/${mine.id}/forward`, {
        token,
        body: { conversationIds: [own.id, group.id] },
      }),
      'forward in',
    );
    const theirs = await api(t.app, 'GET', messagesUrl(group.id), { token: carol.token });
    expect(theirs.body.data.items.map((m) => m.content)).toEqual(['members only']);
    const details = await api(t.app, 'GET', conv(group.id), { token: carol.token });
    expect(details.body.data.title).toBe('Test group');
    expect(details.body.data.participantCount).toBe(2);
  });

  it('does not see the conversation in their inbox nor hear its events', async () => {
    const events = recordEvents(t.bus);
    const group = await createGroup(t.app, carol, [dave]);
    await sendMessage(t.app, carol, group.id, 'hush');
    const inbox = await api(t.app, 'GET', '/api/v1/conversations', { token: alice.token });
    expect(inbox.body.data.items.map((c) => c.id)).not.toContain(group.id);
    events.stop();
    for (const type of ['conversation.created', 'message.created', 'receipt.updated'] as const) {
      expect(events.of(alice, type)).toEqual([]);
    }
  });
});

describe('a non-member over the WebSocket', () => {
  it('cannot tell a message of a conversation they are not in from an id that does not exist', async () => {
    const theirs = await createGroup(t.app, carol, [dave]);
    const secret = await sendMessage(t.app, carol, theirs.id, 'ack me if you can');
    const mine = await createGroup(t.app, alice, [bob]);
    const socket = await connectAs(await listen(t.app), alice);
    const errors = async (data: unknown, type = 'ack') => {
      socket.send({ type, data });
      await socket.sync();
      return socket.of('error').pop();
    };
    const ghost = await errors({ messageId: randomUUID() });
    const hidden = await errors({ messageId: secret.id });
    const viaMine = await errors({ messageId: secret.id, conversationId: mine.id });
    const typing = await errors({ conversationId: theirs.id }, 'typing');
    await socket.close();
    expect(ghost).toMatchObject({ code: 'NOT_FOUND', frameType: 'ack' });
    expect(hidden).toEqual(ghost);
    expect(viaMine).toEqual(ghost);
    expect(typing).toMatchObject({ code: 'NOT_FOUND', frameType: 'typing' });
    // Carol's message shows no delivery to alice.
    const receipts = await api(t.app, 'GET', `${messagesUrl(theirs.id)}/${secret.id}/receipts`, {
      token: carol.token,
    });
    expect(receipts.body.data.deliveredTo.map((r) => r.userId)).toEqual([]);
  });

  it('cannot change the photo of a group they are not in', async () => {
    const theirs = await createGroup(t.app, carol, [dave]);
    const response = await api(t.app, 'PUT', `${conv(theirs.id)}/image`, {
      token: alice.token,
      file: { data: Buffer.from('not even an image') },
    });
    expectHidden(response, 'photo');
  });
});

describe('a former member', () => {
  it('is a non-member: 404 everywhere, no new messages, no events of the group', async () => {
    const group = await createGroup(t.app, alice, [bob, carol]);
    const before = await sendMessage(t.app, alice, group.id, 'while carol was in');
    await removeFromGroup(t.app, group.id, alice, carol);
    const events = recordEvents(t.bus);
    const after = await sendMessage(t.app, alice, group.id, 'after carol left');
    await api(t.app, 'DELETE', `${messagesUrl(group.id)}/${before.id}`, { token: alice.token });
    await api(t.app, 'POST', `${conv(group.id)}/read`, { token: bob.token, body: { messageId: after.id } });
    events.stop();

    const token = carol.token;
    expectHidden(await api(t.app, 'GET', conv(group.id), { token }), 'details');
    expectHidden(await api(t.app, 'GET', messagesUrl(group.id), { token }), 'list');
    expectHidden(await api(t.app, 'GET', `${messagesUrl(group.id)}/${after.id}`, { token }), 'single');
    expectHidden(await api(t.app, 'GET', `${conv(group.id)}/changes?since=${'WzBd'}`, { token }), 'changes');
    expectHidden(await api(t.app, 'POST', messagesUrl(group.id), { token, body: { content: 'hi' } }), 'send');
    // They are out of the conversation: no message, deletion or receipt events reach them any more.
    for (const type of ['message.created', 'message.deleted', 'receipt.updated'] as const) {
      expect(events.of(carol, type), type).toEqual([]);
    }
    expect(events.of(bob, 'message.deleted')).toHaveLength(1);
  });
});

describe('a late joiner', () => {
  it('sees no trace of earlier messages: not in replies, read states, receipts or events', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const early = await sendMessage(t.app, alice, group.id, 'before dave');
    // Bob reads it: his read marker points at a message dave will never see.
    await api(t.app, 'POST', `${conv(group.id)}/read`, { token: bob.token, body: { messageId: early.id } });
    const events = recordEvents(t.bus);
    await addToGroup(t.app, group.id, alice, dave);
    const reply = await sendMessage(t.app, bob, group.id, 'answering the early one', { replyToId: early.id });
    events.stop();

    const token = dave.token;
    const list = await api(t.app, 'GET', messagesUrl(group.id), { token });
    expect(list.body.data.items.map((m) => m.id)).toEqual([reply.id]);
    expect(list.body.data.items[0]!.replyTo).toBeNull();
    expect(events.of(dave, 'message.created')[0]!.replyTo).toBeNull();
    expectHidden(await api(t.app, 'GET', `${messagesUrl(group.id)}/${early.id}`, { token }), 'single');
    expectHidden(await api(t.app, 'GET', `${messagesUrl(group.id)}/${early.id}/receipts`, { token }), 'rcpt');
    const asReply = await api(t.app, 'POST', messagesUrl(group.id), {
      token,
      body: { content: 'x', replyToId: early.id },
    });
    expect(asReply.status).toBe(422);

    // The inbox's last message and unread count cover only what dave may see.
    const inbox = await api(t.app, 'GET', '/api/v1/conversations', { token });
    const entry = inbox.body.data.items.find((c) => c.id === group.id);
    expect(entry!.lastMessage!.id).toBe(reply.id);
    expect(entry!.unreadCount).toBe(1);

    // Others' read markers never name a message dave may not see.
    const changes = await api(t.app, 'GET', `${conv(group.id)}/changes`, { token });
    expect(changes.status).toBe(200);
    expect(JSON.stringify(changes.body.data)).not.toContain(early.id);
    const fromStart = await api(t.app, 'GET', `${conv(group.id)}/changes?since=WzBd`, { token });
    expect(JSON.stringify(fromStart.body.data)).not.toContain(early.id);
  });

  it('hears receipt updates that never name a message from before they joined', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const early = await sendMessage(t.app, alice, group.id, 'before carol');
    await addToGroup(t.app, group.id, alice, carol);
    const events = recordEvents(t.bus);
    // Bob fetches the page: his delivered marker moves to the early message, and everyone hears of it.
    await api(t.app, 'GET', messagesUrl(group.id), { token: bob.token });
    events.stop();
    const heard = events.of(carol, 'receipt.updated');
    expect(JSON.stringify(heard)).not.toContain(early.id);
    expect(JSON.stringify(events.of(alice, 'receipt.updated'))).toContain(early.id);
  });
});

describe('responses never leak private fields', () => {
  it('participants, inbox, search and events carry public profiles only', async () => {
    const events = recordEvents(t.bus);
    const direct = await createDirect(t.app, alice, bob);
    const group = await createGroup(t.app, alice, [bob]);
    events.stop();
    const search = await api(t.app, 'GET', `/api/v1/users?search=${encodeURIComponent(bob.email)}`, {
      token: alice.token,
    });
    const responses = [
      await api(t.app, 'GET', conv(direct.id), { token: alice.token }),
      await api(t.app, 'GET', `${conv(group.id)}/participants`, { token: alice.token }),
      await api(t.app, 'GET', '/api/v1/conversations', { token: alice.token }),
      search,
      await api(t.app, 'GET', `/api/v1/users/${bob.id}`, { token: alice.token }),
    ];
    const texts = [
      ...responses.map((r) => JSON.stringify(r.body)),
      JSON.stringify(events.of(alice, 'conversation.created')),
    ];
    for (const text of texts) {
      expect(text).not.toContain(bob.email);
      expect(text).not.toMatch(/password|hash|"phone"|"email"|argon|\$2[aby]\$/i);
    }
    // Searching by email finds the person without showing the address.
    expect(search.body.data.items.map((u) => u.id)).toContain(bob.id);
  });
});

describe('concurrency', () => {
  it('concurrent retries of one send create one message', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        api(t.app, 'POST', messagesUrl(group.id), {
          token: alice.token,
          body: { content: 'once', clientMessageId: 'retry-1' },
        }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(attempts.map((a) => a.body.data.id)).size).toBe(1);
    const list = await api(t.app, 'GET', messagesUrl(group.id), { token: bob.token });
    expect(list.body.data.items).toHaveLength(1);
    expect(list.body.data.items[0]!.seq).toBe(1);
  });

  it('concurrent creations of one direct chat, from both sides, give one conversation', async () => {
    const [x, y] = await createUsers(t.app, 2);
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => {
        const [from, to] = i % 2 === 0 ? [x, y] : [y, x];
        return api(t.app, 'POST', '/api/v1/conversations', {
          token: from.token,
          body: { type: 'direct', participantIds: [to.id] },
        });
      }),
    );
    expect(attempts.filter((a) => a.status === 201)).toHaveLength(1);
    expect(attempts.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    expect(new Set(attempts.map((a) => a.body.data.id)).size).toBe(1);
  });

  it('an invite with maxUses admits exactly that many of a concurrent crowd', async () => {
    const group = await createGroup(t.app, alice);
    const invite = await api(t.app, 'POST', `${conv(group.id)}/invites`, {
      token: alice.token,
      body: { maxUses: 2 },
    });
    const crowd = await Promise.all(Array.from({ length: 5 }, () => createUser(t.app)));
    const joins = await Promise.all(
      crowd.map((user) =>
        api(t.app, 'POST', `/api/v1/invites/${invite.body.data.code}/join`, { token: user.token }),
      ),
    );
    expect(joins.filter((j) => j.status === 200 || j.status === 201)).toHaveLength(2);
    expect(joins.filter((j) => j.status === 410).every((j) => j.body.code === 'GONE')).toBe(true);
    expect(joins.filter((j) => j.status === 410)).toHaveLength(3);
    const details = await api(t.app, 'GET', conv(group.id), { token: alice.token });
    expect(details.body.data.participantCount).toBe(3);
  });

  it('the read marker never moves back, even when reads race', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const sent = [];
    for (let i = 1; i <= 4; i++) sent.push(await sendMessage(t.app, alice, group.id, `m${i}`));
    const read = (messageId: string) =>
      api(t.app, 'POST', `${conv(group.id)}/read`, { token: bob.token, body: { messageId } });
    expect((await read(sent[3]!.id)).body.data).toMatchObject({
      unreadCount: 0,
      lastReadMessageId: sent[3]!.id,
    });
    const older = await read(sent[0]!.id);
    expect(older.status).toBe(200);
    expect(older.body.data).toMatchObject({ unreadCount: 0, lastReadMessageId: sent[3]!.id });
    await Promise.all([read(sent[1]!.id), read(sent[2]!.id), read(sent[0]!.id)]);
    const receipts = await api(t.app, 'GET', `${messagesUrl(group.id)}/${sent[3]!.id}/receipts`, {
      token: alice.token,
    });
    expect(receipts.body.data.readBy.map((r) => r.userId)).toEqual([bob.id]);
  });

  it('forwarding to one conversation spelled twice (upper and lower case) writes one copy', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const original = await sendMessage(t.app, alice, group.id, 'pass it on');
    const response = await api(t.app, 'POST', `${messagesUrl(group.id)}/${original.id}/forward`, {
      token: alice.token,
      body: { conversationIds: [group.id, group.id.toUpperCase()] },
    });
    expect(response.status).toBe(201);
    expect(response.body.data.items).toHaveLength(1);
    const list = await api(t.app, 'GET', messagesUrl(group.id), { token: bob.token });
    expect(list.body.data.items).toHaveLength(2);
  });

  it('a member leaves with their own id in upper case', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const response = await api(t.app, 'DELETE', `${conv(group.id)}/participants/${bob.id.toUpperCase()}`, {
      token: bob.token,
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ left: true });
  });
});
