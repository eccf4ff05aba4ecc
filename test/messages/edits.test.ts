// Editing and reactions through HTTP and real sockets: who may, until when, what everyone sees after
// (history, replies, the inbox, /changes, message.updated per recipient), and the outsider's side.
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema.js';
import { createTestApp, useTestApp } from '../helpers/app.js';
import { addToGroup, createDirect, createGroup, removeFromGroup } from '../helpers/conversations.js';
import { createUser, createUsers, login, type TestUser } from '../helpers/factories.js';
import { type ApiResponse, api, openApiDocument } from '../helpers/http.js';
import { listAll, messageUrl, recordEvents, sendMessage } from '../helpers/messages.js';
import { connectAs } from '../helpers/ws.js';

const t = useTestApp();
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  [alice, bob, carol, outsider] = await createUsers(t.app, 4);
});

const edit = (user: TestUser, conversationId: string, messageId: string, content: string) =>
  api(t.app, 'PATCH', messageUrl(conversationId, messageId), { token: user.token, body: { content } });
const react = (user: TestUser, conversationId: string, messageId: string, emoji: string) =>
  api(t.app, 'PUT', `${messageUrl(conversationId, messageId)}/reaction`, {
    token: user.token,
    body: { emoji },
  });
const unreact = (user: TestUser, conversationId: string, messageId: string) =>
  api(t.app, 'DELETE', `${messageUrl(conversationId, messageId)}/reaction`, { token: user.token });
const getMessage = async (user: TestUser, conversationId: string, messageId: string) =>
  (await api(t.app, 'GET', messageUrl(conversationId, messageId), { token: user.token })).body.data;
const syncCursorOf = async (user: TestUser, conversationId: string) =>
  (await api(t.app, 'GET', `/api/v1/conversations/${conversationId}/changes`, { token: user.token })).body
    .data.syncCursor as string;
const changesSince = async (user: TestUser, conversationId: string, since: string) =>
  (
    await api(t.app, 'GET', `/api/v1/conversations/${conversationId}/changes?since=${since}`, {
      token: user.token,
    })
  ).body.data;

function expectCode(response: ApiResponse<unknown>, status: number, code: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body).toMatchObject({ error: true, status, code });
}

/** A group of alice and bob where carol joined after `early` and the outsider never did. */
async function groupWithLateJoiner() {
  const group = await createGroup(t.app, alice, [bob]);
  const early = await sendMessage(t.app, alice, group.id, 'before carol joined');
  await addToGroup(t.app, group.id, alice, carol);
  const later = await sendMessage(t.app, alice, group.id, 'after carol joined');
  return { group, early, later };
}

describe('editing', () => {
  it('changes the text for everyone: editedAt, history, reply previews, the inbox and /changes', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const original = await sendMessage(t.app, alice, group.id, 'See you at 5');
    const reply = await sendMessage(t.app, bob, group.id, 'ok', { replyToId: original.id });
    const bobCursor = await syncCursorOf(bob, group.id);

    const edited = await edit(alice, group.id, original.id, '  See you at 6  ');
    expect(edited.status).toBe(200);
    // Bob's reply read it: the sender's copy keeps its status.
    expect(edited.body.data).toMatchObject({ id: original.id, content: 'See you at 6', status: 'read' });
    expect(Date.parse(edited.body.data.editedAt!)).toBeGreaterThanOrEqual(Date.parse(original.createdAt));
    expect(original.editedAt).toBeNull();

    const history = await listAll(t.app, bob, group.id);
    expect(history.find((m) => m.id === original.id)).toMatchObject({ content: 'See you at 6' });
    expect(history.find((m) => m.id === reply.id)!.replyTo!.preview).toBe('See you at 6');
    const inbox = await api(t.app, 'GET', '/api/v1/conversations', { token: bob.token });
    const entry = inbox.body.data.items.find((c) => c.id === group.id);
    // The edit is not a new message: the reply stays last, and it gives nothing new to read.
    expect(entry!.lastMessage!.id).toBe(reply.id);
    expect(entry!.unreadCount).toBe(0);

    const changes = await changesSince(bob, group.id, bobCursor);
    expect(changes.items.map((m) => [m.id, m.content])).toEqual([[original.id, 'See you at 6']]);
    expect(changes.syncCursor).not.toBe(bobCursor);
  });

  it('shows the new text as the inbox preview when the last message is edited', async () => {
    const direct = await createDirect(t.app, alice, carol);
    const last = await sendMessage(t.app, alice, direct.id, 'typo hre');
    await edit(alice, direct.id, last.id, 'typo here');
    const inbox = await api(t.app, 'GET', '/api/v1/conversations', { token: carol.token });
    const entry = inbox.body.data.items.find((c) => c.id === direct.id);
    expect(entry!.lastMessage).toMatchObject({ id: last.id, content: 'typo here' });
    expect(entry!.unreadCount).toBe(1);
  });

  it('sends message.updated over the socket to those who may see it, and to no one else', async () => {
    const { group, early } = await groupWithLateJoiner();
    const dave = await createUser(t.app);
    await addToGroup(t.app, group.id, alice, dave);
    await removeFromGroup(t.app, group.id, alice, dave);
    // Bob hid it for himself: his devices keep it hidden, so he gets no update either.
    const hidden = await sendMessage(t.app, alice, group.id, 'hidden by bob');
    await api(t.app, 'DELETE', `${messageUrl(group.id, hidden.id)}?scope=me`, { token: bob.token });

    const aliceOtherDevice = { ...alice, ...(await login(t.app, alice.email, alice.password)) };
    const sockets = {
      alice: await connectAs(t.base, aliceOtherDevice),
      bob: await connectAs(t.base, bob),
      carol: await connectAs(t.base, carol),
      dave: await connectAs(t.base, dave),
      outsider: await connectAs(t.base, outsider),
    };
    try {
      expect((await edit(alice, group.id, early.id, 'early, edited')).status).toBe(200);
      expect((await edit(alice, group.id, hidden.id, 'hidden, edited')).status).toBe(200);
      const forBob = await sockets.bob.next('message.updated', (m) => m.id === early.id);
      expect(forBob).toMatchObject({ content: 'early, edited', status: null, clientMessageId: null });
      const forAlice = await sockets.alice.next('message.updated', (m) => m.id === early.id);
      expect(forAlice).toMatchObject({ content: 'early, edited', status: 'sent' });
      await sockets.alice.next('message.updated', (m) => m.id === hidden.id);
      for (const socket of Object.values(sockets)) await socket.sync();
      expect(sockets.bob.of('message.updated').map((m) => m.id)).toEqual([early.id]);
      // Carol joined after the first, dave left, the outsider never was in: nothing of it reaches them.
      expect(sockets.carol.of('message.updated').map((m) => m.id)).toEqual([hidden.id]);
      expect(sockets.dave.of('message.updated')).toEqual([]);
      expect(sockets.outsider.of('message.updated')).toEqual([]);
    } finally {
      for (const socket of Object.values(sockets)) await socket.close();
    }
  });

  it('refuses anyone but the sender (403 NOT_SENDER), and a late edit (403 EDIT_WINDOW_PASSED)', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const message = await sendMessage(t.app, alice, group.id, 'mine');
    expectCode(await edit(bob, group.id, message.id, 'yours now'), 403, 'NOT_SENDER');
    // The owner of the group is no exception: text is its sender's alone.
    const bobs = await sendMessage(t.app, bob, group.id, 'bob says');
    expectCode(await edit(alice, group.id, bobs.id, 'alice says'), 403, 'NOT_SENDER');

    await t.database.db
      .update(messages)
      .set({ createdAt: sql`now() - interval '15 minutes 1 second'` })
      .where(eq(messages.id, message.id));
    const late = await edit(alice, group.id, message.id, 'too late');
    expectCode(late, 403, 'EDIT_WINDOW_PASSED');
    expect(late.body.message).toBe('Messages can be edited only within 15 minutes of sending');
    expect((await getMessage(bob, group.id, message.id)).content).toBe('mine');
  });

  it('follows MESSAGE_EDIT_WINDOW', async () => {
    const wide = await createTestApp({ env: { MESSAGE_EDIT_WINDOW: '2h' }, database: t.database });
    try {
      const group = await createGroup(wide.app, alice, [bob]);
      const message = await sendMessage(wide.app, alice, group.id, 'an hour ago');
      await wide.database.db
        .update(messages)
        .set({ createdAt: sql`now() - interval '1 hour'` })
        .where(eq(messages.id, message.id));
      const response = await api(wide.app, 'PATCH', messageUrl(group.id, message.id), {
        token: alice.token,
        body: { content: 'still editable' },
      });
      expect(response.status).toBe(200);
    } finally {
      await wide.close();
    }
  });

  it('refuses a deleted message and a forwarded copy with 409', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const gone = await sendMessage(t.app, alice, group.id, 'soon gone');
    await api(t.app, 'DELETE', messageUrl(group.id, gone.id), { token: alice.token });
    expectCode(await edit(alice, group.id, gone.id, 'back?'), 409, 'CONFLICT');

    const source = await sendMessage(t.app, bob, group.id, 'forward me');
    const forwarded = await api(t.app, 'POST', `${messageUrl(group.id, source.id)}/forward`, {
      token: alice.token,
      body: { conversationIds: [group.id] },
    });
    const copy = forwarded.body.data.items[0];
    expectCode(await edit(alice, group.id, copy!.id, 'my words now'), 409, 'CONFLICT');
    expect((await getMessage(bob, group.id, copy!.id)).content).toBe('forward me');
  });

  it('is 404 to whoever may not see the message, and 422 for empty text', async () => {
    const { group, early } = await groupWithLateJoiner();
    expectCode(await edit(outsider, group.id, early.id, 'x'), 404, 'NOT_FOUND');
    expectCode(await edit(carol, group.id, early.id, 'x'), 404, 'NOT_FOUND');
    const own = await sendMessage(t.app, bob, group.id, 'bob, about to leave');
    await removeFromGroup(t.app, group.id, bob, bob);
    expectCode(await edit(bob, group.id, own.id, 'from outside'), 404, 'NOT_FOUND');
    const hidden = await sendMessage(t.app, alice, group.id, 'hidden by its sender');
    await api(t.app, 'DELETE', `${messageUrl(group.id, hidden.id)}?scope=me`, { token: alice.token });
    expectCode(await edit(alice, group.id, hidden.id, 'x'), 404, 'NOT_FOUND');
    const mine = await sendMessage(t.app, alice, group.id, 'mine');
    expectCode(await edit(alice, group.id, mine.id, '   '), 422, 'VALIDATION_FAILED');
    expect((await getMessage(carol, group.id, mine.id)).content).toBe('mine');
  });

  it('changes nothing when the text is the same (a retried edit)', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const message = await sendMessage(t.app, alice, group.id, 'same');
    const events = recordEvents(t.bus);
    try {
      const response = await edit(alice, group.id, message.id, 'same');
      expect(response.status).toBe(200);
      expect(response.body.data.editedAt).toBeNull();
      expect(events.of(bob, 'message.updated')).toEqual([]);
    } finally {
      events.stop();
    }
  });
});

describe('reactions', () => {
  it('counts one reaction per member, with `me` for the caller; a new one replaces the old', async () => {
    const group = await createGroup(t.app, alice, [bob, carol]);
    const message = await sendMessage(t.app, alice, group.id, 'react to me');
    expect(message.reactions).toEqual([]);

    expect((await react(bob, group.id, message.id, '👍')).body.data.reactions).toEqual([
      { emoji: '👍', count: 1, me: true },
    ]);
    const carolReacted = await react(carol, group.id, message.id, '👍');
    expect(carolReacted.body.data.reactions).toEqual([{ emoji: '👍', count: 2, me: true }]);
    expect((await getMessage(alice, group.id, message.id)).reactions).toEqual([
      { emoji: '👍', count: 2, me: false },
    ]);

    // Bob changes his mind: still one reaction of his. "❤" without its selector is the emoji "❤️".
    await react(bob, group.id, message.id, '❤');
    expect((await getMessage(bob, group.id, message.id)).reactions).toEqual([
      { emoji: '👍', count: 1, me: false },
      { emoji: '❤️', count: 1, me: true },
    ]);
    const history = await listAll(t.app, carol, group.id);
    expect(history[0]!.reactions).toEqual([
      { emoji: '👍', count: 1, me: true },
      { emoji: '❤️', count: 1, me: false },
    ]);

    expect((await unreact(bob, group.id, message.id)).body.data.reactions).toEqual([
      { emoji: '👍', count: 1, me: false },
    ]);
    const again = await unreact(bob, group.id, message.id);
    expect(again.status).toBe(200);
    expect(again.body.data.reactions).toEqual([{ emoji: '👍', count: 1, me: false }]);
  });

  it('takes one emoji of any kind and refuses anything else with 422', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const message = await sendMessage(t.app, alice, group.id, 'emoji test');
    for (const emoji of ['👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇪🇸', '#️⃣', '😂']) {
      const response = await react(bob, group.id, message.id, emoji);
      expect(response.status, emoji).toBe(200);
      expect(response.body.data.reactions).toEqual([{ emoji, count: 1, me: true }]);
    }
    for (const emoji of ['', 'a', 'ok', '👍👍', '👍 ', '1', '<b>', 'é']) {
      const response = await react(bob, group.id, message.id, emoji);
      expectCode(response, 422, 'VALIDATION_FAILED');
    }
    expect((await getMessage(bob, group.id, message.id)).reactions).toEqual([
      { emoji: '😂', count: 1, me: true },
    ]);
  });

  it('sends message.updated with each recipient their own `me`, and /changes returns the message', async () => {
    const group = await createGroup(t.app, alice, [bob, carol]);
    const message = await sendMessage(t.app, alice, group.id, 'live reactions');
    await react(carol, group.id, message.id, '🎉');
    const aliceCursor = await syncCursorOf(alice, group.id);
    const sockets = { alice: await connectAs(t.base, alice), bob: await connectAs(t.base, bob) };
    try {
      await react(bob, group.id, message.id, '🎉');
      const forBob = await sockets.bob.next('message.updated', (m) => m.id === message.id);
      const forAlice = await sockets.alice.next('message.updated', (m) => m.id === message.id);
      expect(forBob.reactions).toEqual([{ emoji: '🎉', count: 2, me: true }]);
      expect(forAlice.reactions).toEqual([{ emoji: '🎉', count: 2, me: false }]);
      expect(forAlice.status).toBe('sent');
    } finally {
      await sockets.alice.close();
      await sockets.bob.close();
    }
    const changes = await changesSince(alice, group.id, aliceCursor);
    expect(changes.items.map((m) => [m.id, m.reactions])).toEqual([
      [message.id, [{ emoji: '🎉', count: 2, me: false }]],
    ]);
  });

  it('is 404 on a message the caller may not see, and a deleted one loses its reactions', async () => {
    const { group, early, later } = await groupWithLateJoiner();
    expectCode(await react(outsider, group.id, early.id, '👍'), 404, 'NOT_FOUND');
    expectCode(await react(carol, group.id, early.id, '👍'), 404, 'NOT_FOUND');
    expectCode(await unreact(carol, group.id, early.id), 404, 'NOT_FOUND');
    expect((await react(carol, group.id, later.id, '👍')).status).toBe(200);

    await api(t.app, 'DELETE', `${messageUrl(group.id, later.id)}?scope=me`, { token: bob.token });
    expectCode(await react(bob, group.id, later.id, '👍'), 404, 'NOT_FOUND');

    await removeFromGroup(t.app, group.id, alice, carol);
    expectCode(await react(carol, group.id, later.id, '😮'), 404, 'NOT_FOUND');
    // A former member's reaction stays, as their messages do.
    expect((await getMessage(alice, group.id, later.id)).reactions).toEqual([
      { emoji: '👍', count: 1, me: false },
    ]);

    await api(t.app, 'DELETE', messageUrl(group.id, later.id), { token: alice.token });
    expect((await getMessage(alice, group.id, later.id)).reactions).toEqual([]);
    expectCode(await react(alice, group.id, later.id, '👍'), 404, 'NOT_FOUND');
  });
});

describe('documentation', () => {
  it('publishes the edit and reaction routes in the OpenAPI document', async () => {
    const { paths } = await openApiDocument(t.app);
    const message = paths['/api/v1/conversations/{conversationId}/messages/{messageId}'];
    expect(message?.patch?.operationId).toBe('editMessage');
    expect(Object.keys(message?.patch?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '403', '404', '409', '422']),
    );
    const reaction = paths['/api/v1/conversations/{conversationId}/messages/{messageId}/reaction'];
    expect(reaction?.put?.operationId).toBe('setReaction');
    expect(reaction?.delete?.operationId).toBe('removeReaction');
  });
});
