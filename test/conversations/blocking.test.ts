// Blocking, from both sides: the blocker hears nothing from the blocked person in their direct chat (not
// in history, events, unread counts, the list, sync, and not after unblocking), cannot send there, and
// neither sees the other's presence or typing. HTTP and real sockets on the real database.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { addToGroup, createDirect, createGroup, inboxEntry } from '../helpers/conversations.js';
import { createUser, createUsers, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { listAll, messagesUrl, sendMessage } from '../helpers/messages.js';

const t = useTestApp();

const block = (blocker: TestUser, blocked: { id: string }) =>
  api(t.app, 'PUT', `/api/v1/users/${blocked.id}/block`, { token: blocker.token });
const unblock = (blocker: TestUser, blocked: { id: string }) =>
  api(t.app, 'DELETE', `/api/v1/users/${blocked.id}/block`, { token: blocker.token });
const send = (user: TestUser, conversationId: string, content: string) =>
  api(t.app, 'POST', messagesUrl(conversationId), { token: user.token, body: { content } });

async function pair() {
  const [blocker, blocked] = await createUsers(t.app, 2);
  const direct = await createDirect(t.app, blocker, blocked);
  return { blocker, blocked, direct };
}

describe('the block list', () => {
  it('blocks, lists and unblocks; blocking twice keeps one entry', async () => {
    const [me, a, b] = await createUsers(t.app, 3);
    const first = await block(me, a);
    expect(first.status).toBe(200);
    expect(first.body.data.user.id).toBe(a.id);
    expect((await block(me, b)).status).toBe(200);
    expect((await block(me, a)).status).toBe(200);
    const listed = await api(t.app, 'GET', '/api/v1/users/me/blocked?limit=1', { token: me.token });
    expect(listed.body.data.items.map((item) => item.user.id)).toEqual([b.id]);
    const rest = await api(t.app, 'GET', `/api/v1/users/me/blocked?cursor=${listed.body.data.nextCursor}`, {
      token: me.token,
    });
    expect(rest.body.data.items.map((item) => item.user.id)).toEqual([a.id]);
    expect((await unblock(me, a)).status).toBe(200);
    expect((await unblock(me, a)).status).toBe(200);
    const after = await api(t.app, 'GET', '/api/v1/users/me/blocked', { token: me.token });
    expect(after.body.data.items.map((item) => item.user.id)).toEqual([b.id]);
    // Nobody else sees my list.
    const theirs = await api(t.app, 'GET', '/api/v1/users/me/blocked', { token: b.token });
    expect(theirs.body.data.items).toEqual([]);
  });

  it('refuses blocking myself (422) and unknown users (404), writing nothing', async () => {
    const me = await createUser(t.app);
    const self = await block(me, me);
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('VALIDATION_FAILED');
    expect((await block(me, { id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    const listed = await api(t.app, 'GET', '/api/v1/users/me/blocked', { token: me.token });
    expect(listed.body.data.items).toEqual([]);
  });
});

describe('the block list on my other devices', () => {
  it('gets each block and unblock as I make them; the blocked person is told neither', async () => {
    const [me, them] = await createUsers(t.app, 2);
    await createDirect(t.app, me, them);
    const [phone, laptop] = [await t.online(me), await t.online(me)];
    const theirs = await t.online(them);

    const blocked = await block(me, them);
    expect((await unblock(me, them)).status).toBe(200);
    expect((await unblock(me, them)).status).toBe(200); // not blocked any more: nothing to tell
    expect((await block(me, me)).status).toBe(422);

    for (const socket of [phone, laptop, theirs]) await socket.sync();
    for (const socket of [phone, laptop]) {
      expect(socket.of('user.blocked')).toEqual([blocked.body.data]);
      expect(socket.of('user.unblocked')).toEqual([{ userId: them.id }]);
    }
    expect(theirs.of('user.blocked')).toEqual([]);
    expect(theirs.of('user.unblocked')).toEqual([]);
  });
});

describe('a direct chat across a block', () => {
  it('keeps what the blocked person sends from the blocker, for good; it stays "sent" for them', async () => {
    const { blocker, blocked, direct } = await pair();
    const before = await sendMessage(t.app, blocked, direct.id, 'before the block');
    const blockerSocket = await t.online(blocker);
    const blockedSocket = await t.online(blocked);
    await block(blocker, blocked);

    const withheld = await send(blocked, direct.id, 'while blocked');
    expect(withheld.status).toBe(201);
    expect(withheld.body.data.status).toBe('sent');
    // The sender's own devices hear of it; the blocker's do not.
    await blockedSocket.next('message.created', (m) => m.id === withheld.body.data.id);
    await blockerSocket.sync();
    expect(blockerSocket.of('message.created').map((m) => m.id)).not.toContain(withheld.body.data.id);

    // Not in the blocker's history, single reads, list preview or unread count.
    expect((await listAll(t.app, blocker, direct.id)).map((m) => m.id)).toEqual([before.id]);
    const single = await api(t.app, 'GET', `${messagesUrl(direct.id)}/${withheld.body.data.id}`, {
      token: blocker.token,
    });
    expect(single.status).toBe(404);
    const entry = await inboxEntry(t.app, blocker, direct.id);
    expect(entry!.lastMessage!.id).toBe(before.id);
    expect(entry!.unreadCount).toBe(1);
    // Not in sync: neither as a message nor as a hidden id.
    const changes = await api(
      t.app,
      'GET',
      `/api/v1/conversations/${direct.id}/changes?since=${direct.details.syncCursor}`,
      {
        token: blocker.token,
      },
    );
    expect(changes.body.data.items.map((m) => m.id)).toEqual([before.id]);
    expect(changes.body.data.hiddenMessageIds).toEqual([]);

    // Unblocking does not deliver it; what comes after does, and reading it leaves the withheld one "sent".
    expect((await unblock(blocker, blocked)).status).toBe(200);
    const later = await sendMessage(t.app, blocked, direct.id, 'after the unblock');
    expect((await listAll(t.app, blocker, direct.id)).map((m) => m.id)).toEqual([later.id, before.id]);
    const read = await api(t.app, 'POST', `/api/v1/conversations/${direct.id}/read`, {
      token: blocker.token,
      body: { messageId: later.id },
    });
    expect(read.body.data.unreadCount).toBe(0);
    const senderView = await listAll(t.app, blocked, direct.id);
    const statusOf = (id: string) => senderView.find((m) => m.id === id)!.status;
    expect(statusOf(withheld.body.data.id)).toBe('sent');
    expect(statusOf(later.id)).toBe('read');
    const receipts = await api(t.app, 'GET', `${messagesUrl(direct.id)}/${withheld.body.data.id}/receipts`, {
      token: blocked.token,
    });
    expect(receipts.body.data).toEqual({ deliveredTo: [], readBy: [] });
  });

  it("names what was withheld in the blocker's read state once their markers pass it, to its sender only", async () => {
    const { blocker, blocked, direct } = await pair();
    const blockedSocket = await t.online(blocked);
    const blockerSocket = await t.online(blocker);
    await block(blocker, blocked);
    const withheld = (await send(blocked, direct.id, 'while blocked')).body.data;
    const readStates = async (viewer: TestUser) => {
      const changes = await api(t.app, 'GET', `/api/v1/conversations/${direct.id}/changes`, {
        token: viewer.token,
      });
      return changes.body.data.readStates;
    };
    const blockersState = async (viewer: TestUser) => {
      const state = (await readStates(viewer)).find((each) => each.userId === blocker.id);
      if (!state) throw new Error('no read state for the blocker');
      return state;
    };
    // While the block lasts the blocker's markers stay below it: nothing to name, nothing given away.
    expect((await blockersState(blocked)).withheldMessageIds).toEqual([]);

    await unblock(blocker, blocked);
    // Sending moves the blocker's read marker past it.
    await sendMessage(t.app, blocker, direct.id, 'back again');
    expect((await blockersState(blocked)).withheldMessageIds).toEqual([withheld.id]);
    // The blocker never learns what was kept from them, nor does their own read state list it.
    expect((await blockersState(blocker)).withheldMessageIds).toEqual([]);
    // What came after the unblock counts as usual; the receipt its sender gets names the withheld one.
    const later = await sendMessage(t.app, blocked, direct.id, 'after the unblock');
    await api(t.app, 'POST', `/api/v1/conversations/${direct.id}/read`, {
      token: blocker.token,
      body: { messageId: later.id },
    });
    const after = await blockedSocket.next('receipt.updated', (r) => r.lastReadMessageId === later.id);
    expect(after.withheldMessageIds).toEqual([withheld.id]);
    await blockerSocket.sync();
    expect(blockerSocket.of('receipt.updated').flatMap((r) => r.withheldMessageIds)).toEqual([]);
  });

  it('does not move the chat up the blocker list, nor tell the blocker when it is deleted', async () => {
    const { blocker, blocked, direct } = await pair();
    const newer = await createGroup(t.app, blocker, [], 'Newer');
    await block(blocker, blocked);
    const blockerSocket = await t.online(blocker);
    const withheld = await sendMessage(t.app, blocked, direct.id, 'psst');
    const list = await api(t.app, 'GET', '/api/v1/conversations', { token: blocker.token });
    expect(list.body.data.items.map((item) => item.id)).toEqual([newer.id, direct.id]);
    const deleted = await api(t.app, 'DELETE', `${messagesUrl(direct.id)}/${withheld.id}?scope=everyone`, {
      token: blocked.token,
    });
    expect(deleted.status).toBe(200);
    await blockerSocket.sync();
    expect(blockerSocket.of('message.deleted')).toEqual([]);
  });

  it('does not let the blocker send there until they unblock (403 BLOCKED), nor forward there', async () => {
    const { blocker, blocked, direct } = await pair();
    const group = await createGroup(t.app, blocker, [], 'Source');
    const source = await sendMessage(t.app, blocker, group.id, 'forward me');
    await block(blocker, blocked);
    const refused = await send(blocker, direct.id, 'hello?');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('BLOCKED');
    const forwarded = await api(t.app, 'POST', `${messagesUrl(group.id)}/${source.id}/forward`, {
      token: blocker.token,
      body: { conversationIds: [direct.id] },
    });
    expect(forwarded.status).toBe(403);
    expect(await listAll(t.app, blocked, direct.id)).toEqual([]);
    await unblock(blocker, blocked);
    expect((await send(blocker, direct.id, 'sorry')).status).toBe(201);
  });

  it('does not let the blocked person start a direct chat with the blocker; the blocker still can', async () => {
    const [blocker, blocked] = await createUsers(t.app, 2);
    await block(blocker, blocked);
    const refused = await api(t.app, 'POST', '/api/v1/conversations', {
      token: blocked.token,
      body: { type: 'direct', participantIds: [blocker.id] },
    });
    expect(refused.status).toBe(403);
    const allowed = await api(t.app, 'POST', '/api/v1/conversations', {
      token: blocker.token,
      body: { type: 'direct', participantIds: [blocked.id] },
    });
    expect(allowed.status).toBe(201);
  });
});

describe('groups across a block', () => {
  it('refuses adding the other person to a group, both ways, when creating it or later', async () => {
    const [blocker, blocked, admin] = await Promise.all([
      createUser(t.app),
      createUser(t.app),
      createUser(t.app),
    ]);
    await block(blocker, blocked);
    for (const [adder, target] of [
      [blocked, blocker],
      [blocker, blocked],
    ] as const) {
      const created = await api(t.app, 'POST', '/api/v1/conversations', {
        token: adder.token,
        body: { type: 'group', title: 'No', participantIds: [target.id] },
      });
      expect(created.status).toBe(403);
      const group = await createGroup(t.app, adder, [], 'Later');
      const added = await api(t.app, 'POST', `/api/v1/conversations/${group.id}/participants`, {
        token: adder.token,
        body: { userId: target.id },
      });
      expect(added.status).toBe(403);
    }
    // Someone else may still put both in one group.
    const shared = await createGroup(t.app, admin, [blocker, blocked], 'Both');
    expect(shared.details.participantCount).toBe(3);
  });

  it('still delivers group messages between them, as WhatsApp does, but no typing', async () => {
    const [blocker, blocked, admin] = await Promise.all([
      createUser(t.app),
      createUser(t.app),
      createUser(t.app),
    ]);
    const group = await createGroup(t.app, admin, [blocker]);
    await addToGroup(t.app, group.id, admin, blocked);
    await block(blocker, blocked);
    const blockerSocket = await t.online(blocker);
    const adminSocket = await t.online(admin);
    const message = await sendMessage(t.app, blocked, group.id, 'hello group');
    await blockerSocket.next('message.created', (m) => m.id === message.id);
    expect((await listAll(t.app, blocker, group.id)).map((m) => m.id)).toContain(message.id);

    const blockedSocket = await t.online(blocked);
    blockedSocket.send({ type: 'typing', data: { conversationId: group.id } });
    await adminSocket.next('typing', (d) => d.userId === blocked.id);
    await blockedSocket.sync();
    await blockerSocket.sync();
    expect(blockerSocket.of('typing')).toEqual([]);
  });
});

describe('presence and typing across a block', () => {
  it('hides presence both ways, and typing in the direct chat', async () => {
    const { blocker, blocked, direct } = await pair();
    await t.database.db.execute(sql`update users set last_seen_at = now() where id = ${blocker.id}`);
    const lastSeen = () => api(t.app, 'GET', `/api/v1/users/${blocker.id}`, { token: blocked.token });
    expect((await lastSeen()).body.data.lastSeenAt).not.toBeNull();
    await block(blocker, blocked);
    const blockerSocket = await t.online(blocker);
    const blockedSocket = await t.online(blocked);
    await blockedSocket.sync();
    await blockerSocket.sync();
    expect(blockerSocket.of('presence').filter((p) => p.userId === blocked.id && p.online)).toEqual([]);
    expect(blockedSocket.of('presence').filter((p) => p.userId === blocker.id && p.online)).toEqual([]);

    blockedSocket.send({ type: 'typing', data: { conversationId: direct.id } });
    blockerSocket.send({ type: 'typing', data: { conversationId: direct.id } });
    await blockedSocket.sync();
    await blockerSocket.sync();
    expect(blockerSocket.of('typing')).toEqual([]);
    expect(blockedSocket.of('typing')).toEqual([]);

    // Last seen is hidden too.
    expect((await lastSeen()).body.data.lastSeenAt).toBeNull();

    // After unblocking, presence flows again.
    await unblock(blocker, blocked);
    const again = await t.online(blocked);
    await again.next('presence', (p) => p.userId === blocker.id && p.online);
  });
});
