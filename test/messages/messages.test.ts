import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, useTestApp } from '../helpers/app.js';
import { addToGroup, createDirect, createGroup, makeAdmin } from '../helpers/conversations.js';
import { createUsers, type TestUser } from '../helpers/factories.js';
import { api, type Method, openApiDocument } from '../helpers/http.js';
import { listAll, messagesUrl, recordEvents, sendMessage } from '../helpers/messages.js';

const t = useTestApp();
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  [alice, bob, carol, outsider] = await createUsers(t.app, 4);
});

describe('sending', () => {
  it('creates a message with the next seq and shows it to the sender as sent', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const response = await api(t.app, 'POST', messagesUrl(group.id), {
      token: alice.token,
      body: { content: '  hello there  ', clientMessageId: 'local-1' },
    });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({
      conversationId: group.id,
      senderId: alice.id,
      seq: 1,
      content: 'hello there',
      editedAt: null,
      replyTo: null,
      forwarded: null,
      deleted: false,
      clientMessageId: 'local-1',
      status: 'sent',
    });
    const second = await sendMessage(t.app, bob, group.id, 'hi');
    expect(second.seq).toBe(2);
    // Bob sees Alice's message without her clientMessageId or a status.
    const seen = await api(t.app, 'GET', `${messagesUrl(group.id)}/${response.body.data.id}`, {
      token: bob.token,
    });
    expect(seen.body.data).toMatchObject({ clientMessageId: null, status: null, content: 'hello there' });
  });

  it('rejects empty, blank and over-long content', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    for (const content of ['', '    ', 'x'.repeat(4097)]) {
      const response = await api(t.app, 'POST', messagesUrl(group.id), {
        token: alice.token,
        body: { content },
      });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const longest = await api(t.app, 'POST', messagesUrl(group.id), {
      token: alice.token,
      body: { content: `  ${'é'.repeat(4096)}  ` },
    });
    expect(longest.status).toBe(201);
  });

  it('answers 404 to a non-member and for an unknown conversation, and 401 without a token', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const asOutsider = await api(t.app, 'POST', messagesUrl(group.id), {
      token: outsider.token,
      body: { content: 'let me in' },
    });
    expect(asOutsider.status).toBe(404);
    const unknown = await api(t.app, 'POST', messagesUrl(randomUUID()), {
      token: alice.token,
      body: { content: 'anyone?' },
    });
    expect(unknown.status).toBe(404);
    const anonymous = await api(t.app, 'POST', messagesUrl(group.id), { body: { content: 'hi' } });
    expect(anonymous.status).toBe(401);
    expect(await listAll(t.app, alice, group.id)).toHaveLength(0);
  });

  it('returns the first message, never a copy, when five identical retries race', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const body = { content: 'only once', clientMessageId: randomUUID() };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        api(t.app, 'POST', messagesUrl(group.id), { token: alice.token, body }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.body.data.id)).size).toBe(1);
    expect(await listAll(t.app, alice, group.id)).toHaveLength(1);
    // No seq was burnt by the losers: the next message is seq 2.
    expect((await sendMessage(t.app, bob, group.id, 'next')).seq).toBe(2);
    // The same clientMessageId from another sender is a different message.
    const other = await api(t.app, 'POST', messagesUrl(group.id), { token: bob.token, body });
    expect(other.status).toBe(201);
  });

  it('gives concurrent senders a total, gap-free order', async () => {
    const group = await createGroup(t.app, alice, [bob, carol]);
    const senders = [alice, bob, carol];
    const sent = await Promise.all(
      Array.from({ length: 15 }, (_, i) => sendMessage(t.app, senders[i % 3]!, group.id, `message ${i}`)),
    );
    expect(sent.map((m) => m.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it('replies show a preview of the replied message; a reply must target this conversation', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const other = await createGroup(t.app, alice, [bob]);
    const original = await sendMessage(t.app, alice, group.id, `${'long text '.repeat(20)}end`);
    const reply = await sendMessage(t.app, bob, group.id, 'agreed', { replyToId: original.id });
    expect(reply.replyTo).toEqual({
      id: original.id,
      senderId: alice.id,
      preview: original.content!.slice(0, 100),
      deleted: false,
    });
    const elsewhere = await sendMessage(t.app, alice, other.id, 'elsewhere');
    const crossed = await api(t.app, 'POST', messagesUrl(group.id), {
      token: bob.token,
      body: { content: 'x', replyToId: elsewhere.id },
    });
    expect(crossed.status).toBe(422);
    const unknown = await api(t.app, 'POST', messagesUrl(group.id), {
      token: bob.token,
      body: { content: 'x', replyToId: randomUUID() },
    });
    expect(unknown.status).toBe(422);
  });
});

describe('listing', () => {
  it('walks a few hundred messages with before cursors: newest first, no duplicates, no gaps', async () => {
    const direct = await createDirect(t.app, alice, bob);
    for (let i = 1; i <= 230; i++) await sendMessage(t.app, i % 2 ? alice : bob, direct.id, `n${i}`);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const before: string = cursor ? `&before=${cursor}` : '';
      const response = await api(t.app, 'GET', `${messagesUrl(direct.id)}?limit=37${before}`, {
        token: bob.token,
      });
      expect(response.status).toBe(200);
      expect(response.body.data.items.length).toBeLessThanOrEqual(37);
      seen.push(...response.body.data.items.map((m) => m.seq));
      cursor = response.body.data.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(7);
    expect(seen).toEqual(Array.from({ length: 230 }, (_, i) => 230 - i));

    // Forwards from a point: each page holds the messages right after the cursor, newest first.
    const forwards: number[] = [];
    let after: string | null = null;
    const start = await api(t.app, 'GET', `${messagesUrl(direct.id)}?limit=100`, { token: bob.token });
    expect(start.body.data.items[99]!.seq).toBe(131);
    after = start.body.data.nextCursor;
    while (after) {
      const response = await api(t.app, 'GET', `${messagesUrl(direct.id)}?limit=12&after=${after}`, {
        token: bob.token,
      });
      const seqs = response.body.data.items.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      forwards.push(...[...seqs].reverse());
      after = response.body.data.nextCursor;
    }
    expect(forwards).toEqual(Array.from({ length: 99 }, (_, i) => 132 + i));
  });

  it('rejects a tampered cursor and answers 404 to an outsider', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const bad = await api(t.app, 'GET', `${messagesUrl(group.id)}?before=not-a-cursor`, {
      token: alice.token,
    });
    expect(bad.status).toBe(422);
    const asOutsider = await api(t.app, 'GET', messagesUrl(group.id), { token: outsider.token });
    expect(asOutsider.status).toBe(404);
  });

  it('answers 404 for a message of another conversation and for an outsider', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const other = await createGroup(t.app, alice, [carol]);
    const message = await sendMessage(t.app, alice, other.id, 'for carol');
    expect(
      (await api(t.app, 'GET', `${messagesUrl(group.id)}/${message.id}`, { token: alice.token })).status,
    ).toBe(404);
    expect(
      (await api(t.app, 'GET', `${messagesUrl(group.id)}/${message.id}`, { token: bob.token })).status,
    ).toBe(404);
    expect(
      (await api(t.app, 'GET', `${messagesUrl(other.id)}/${message.id}`, { token: outsider.token })).status,
    ).toBe(404);
  });
});

describe('deleting', () => {
  it('lets the sender delete for everyone, leaving a tombstone; twice is harmless', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const events = recordEvents(t.bus);
    const message = await sendMessage(t.app, alice, group.id, 'oops');
    const url = `${messagesUrl(group.id)}/${message.id}` as const;
    const first = await api(t.app, 'DELETE', url, { token: alice.token });
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({ messageId: message.id, scope: 'everyone' });
    expect((await api(t.app, 'DELETE', url, { token: alice.token })).status).toBe(200);
    const tombstone = await api(t.app, 'GET', url, { token: bob.token });
    expect(tombstone.body.data).toMatchObject({
      id: message.id,
      deleted: true,
      content: null,
      seq: message.seq,
    });
    expect(events.of(bob, 'message.deleted')).toEqual([
      {
        conversationId: group.id,
        messageId: message.id,
        seq: message.seq,
        deletedBy: alice.id,
        scope: 'everyone',
      },
    ]);
    expect(events.of(alice, 'message.deleted')).toHaveLength(1);
    events.stop();
    // The content is really gone from the database.
    const { rows } = await t.database.db.execute<{ content: string | null }>(
      (await import('drizzle-orm')).sql`select content from messages where id = ${message.id}`,
    );
    expect(rows[0]?.content).toBeNull();
  });

  it('forbids a plain member to delete for everyone what someone else sent', async () => {
    const group = await createGroup(t.app, alice, [bob, carol]);
    const message = await sendMessage(t.app, bob, group.id, 'mine');
    const response = await api(t.app, 'DELETE', `${messagesUrl(group.id)}/${message.id}`, {
      token: carol.token,
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
    const asOutsider = await api(t.app, 'DELETE', `${messagesUrl(group.id)}/${message.id}`, {
      token: outsider.token,
    });
    expect(asOutsider.status).toBe(404);
    const direct = await createDirect(t.app, alice, carol);
    const inDirect = await sendMessage(t.app, carol, direct.id, 'direct');
    expect(
      (await api(t.app, 'DELETE', `${messagesUrl(direct.id)}/${inDirect.id}`, { token: alice.token })).status,
    ).toBe(403);
  });

  it('lets a group owner or admin delete any message at any time, but the sender only within the window', async () => {
    const late = await createTestApp({ env: { MESSAGE_DELETE_WINDOW: '1ms' }, database: t.database });
    try {
      const group = await createGroup(late.app, alice, [bob, carol]);
      await makeAdmin(late.app, group.id, alice, carol);
      const first = await sendMessage(late.app, bob, group.id, 'first');
      const second = await sendMessage(late.app, bob, group.id, 'second');
      const tooLate = await api(late.app, 'DELETE', `${messagesUrl(group.id)}/${first.id}`, {
        token: bob.token,
      });
      expect(tooLate.status).toBe(403);
      expect(tooLate.body.message).toMatch(/within/);
      const byOwner = await api(late.app, 'DELETE', `${messagesUrl(group.id)}/${first.id}`, {
        token: alice.token,
      });
      expect(byOwner.status).toBe(200);
      const byAdmin = await api(late.app, 'DELETE', `${messagesUrl(group.id)}/${second.id}`, {
        token: carol.token,
      });
      expect(byAdmin.status).toBe(200);
      const items = await listAll(late.app, bob, group.id);
      expect(items.map((m) => [m.deleted, m.content])).toEqual([
        [true, null],
        [true, null],
      ]);
    } finally {
      await late.close();
    }
  });

  it('hides a message for me only (scope=me), and only for members who can see it', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const events = recordEvents(t.bus);
    const keep = await sendMessage(t.app, alice, group.id, 'keep');
    const hide = await sendMessage(t.app, alice, group.id, 'hide');
    const url = `${messagesUrl(group.id)}/${hide.id}?scope=me` as const;
    expect((await api(t.app, 'DELETE', url, { token: outsider.token })).status).toBe(404);
    const response = await api(t.app, 'DELETE', url, { token: bob.token });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ messageId: hide.id, scope: 'me' });
    expect((await api(t.app, 'DELETE', url, { token: bob.token })).status).toBe(200);
    expect((await listAll(t.app, bob, group.id)).map((m) => m.id)).toEqual([keep.id]);
    expect(
      (await api(t.app, 'GET', `${messagesUrl(group.id)}/${hide.id}`, { token: bob.token })).status,
    ).toBe(404);
    expect((await listAll(t.app, alice, group.id)).map((m) => m.content)).toEqual(['hide', 'keep']);
    expect(events.of(bob, 'message.deleted')).toMatchObject([{ messageId: hide.id, scope: 'me' }]);
    expect(events.of(alice, 'message.deleted')).toHaveLength(0);
    events.stop();
  });
});

describe('forwarding', () => {
  it('copies a message into 1 to 5 conversations with a hop count and the original time', async () => {
    const source = await createGroup(t.app, alice, [bob]);
    const targetA = await createGroup(t.app, bob, [carol]);
    const targetB = await createDirect(t.app, bob, alice);
    const original = await sendMessage(t.app, alice, source.id, 'pass it on');
    const response = await api(t.app, 'POST', `${messagesUrl(source.id)}/${original.id}/forward`, {
      token: bob.token,
      body: { conversationIds: [targetA.id, targetB.id] },
    });
    expect(response.status).toBe(201);
    const [copyA, copyB] = response.body.data.items;
    expect(copyA).toMatchObject({
      conversationId: targetA.id,
      senderId: bob.id,
      content: 'pass it on',
      replyTo: null,
      forwarded: { count: 1, originalSentAt: original.createdAt },
      status: 'sent',
    });
    expect(copyB!.conversationId).toBe(targetB.id);
    const again = await api(t.app, 'POST', `${messagesUrl(targetA.id)}/${copyA!.id}/forward`, {
      token: carol.token,
      body: { conversationIds: [targetA.id] },
    });
    expect(again.status).toBe(201);
    expect(again.body.data.items[0]!.forwarded).toEqual({ count: 2, originalSentAt: original.createdAt });
    // Hop after hop the count grows; 5 and more is what clients show as "forwarded many times".
    let hop = again.body.data.items[0];
    for (let i = 3; i <= 6; i++) {
      const next = await api(t.app, 'POST', `${messagesUrl(targetA.id)}/${hop!.id}/forward`, {
        token: carol.token,
        body: { conversationIds: [targetA.id] },
      });
      hop = next.body.data.items[0];
      expect(hop!.forwarded).toEqual({ count: i, originalSentAt: original.createdAt });
    }
  });

  it('checks every target first and writes nothing when one is not mine', async () => {
    const source = await createGroup(t.app, alice, [bob]);
    const mine = await createGroup(t.app, alice, [carol]);
    const notMine = await createGroup(t.app, carol, [bob]);
    const original = await sendMessage(t.app, alice, source.id, 'secret');
    const forward = (user: TestUser, conversationIds: string[], from = source.id, id = original.id) =>
      api(t.app, 'POST', `${messagesUrl(from)}/${id}/forward`, {
        token: user.token,
        body: { conversationIds },
      });
    const refused = await forward(alice, [mine.id, notMine.id]);
    expect(refused.status).toBe(404);
    expect(refused.body.message).toContain(notMine.id);
    expect(await listAll(t.app, alice, mine.id)).toHaveLength(0);
    // The outsider of the source cannot forward it, even into their own conversation.
    expect((await forward(carol, [mine.id])).status).toBe(404);
    // Bad requests: no target, duplicates, more than five.
    expect((await forward(alice, [])).status).toBe(422);
    expect((await forward(alice, [mine.id, mine.id])).status).toBe(422);
    expect(
      (
        await forward(
          alice,
          Array.from({ length: 6 }, () => randomUUID()),
        )
      ).status,
    ).toBe(422);
    // A tombstone cannot be forwarded.
    await api(t.app, 'DELETE', `${messagesUrl(source.id)}/${original.id}`, { token: alice.token });
    const tombstone = await forward(alice, [mine.id]);
    expect(tombstone.status).toBe(422);
  });
});

describe('read state', () => {
  it('moves status from sent to delivered to read as every other member fetches and reads', async () => {
    const group = await createGroup(t.app, alice, [bob, carol]);
    const events = recordEvents(t.bus);
    const message = await sendMessage(t.app, alice, group.id, 'did you get this?');
    const url = `${messagesUrl(group.id)}/${message.id}` as const;
    const statusOf = async () => (await api(t.app, 'GET', url, { token: alice.token })).body.data.status;
    const receipts = async (user = alice) =>
      (await api(t.app, 'GET', `${url}/receipts`, { token: user.token })).body.data;

    expect(message.status).toBe('sent');
    expect(await receipts()).toEqual({ deliveredTo: [], readBy: [] });
    await listAll(t.app, bob, group.id);
    expect(await statusOf()).toBe('sent');
    expect((await receipts()).deliveredTo.map((r) => r.userId)).toEqual([bob.id]);
    expect(events.of(alice, 'receipt.updated').at(-1)).toMatchObject({
      conversationId: group.id,
      userId: bob.id,
      lastDeliveredMessageId: message.id,
    });
    await listAll(t.app, carol, group.id);
    expect(await statusOf()).toBe('delivered');

    const read = await api(t.app, 'POST', `/api/v1/conversations/${group.id}/read`, {
      token: bob.token,
      body: { messageId: message.id },
    });
    expect(read.body.data).toEqual({ unreadCount: 0, lastReadMessageId: message.id });
    expect(events.of(alice, 'receipt.updated').at(-1)).toMatchObject({
      conversationId: group.id,
      userId: bob.id,
      lastReadMessageId: message.id,
      lastDeliveredMessageId: message.id,
    });
    expect(events.of(outsider, 'receipt.updated')).toHaveLength(0);
    expect(await statusOf()).toBe('delivered');
    await api(t.app, 'POST', `/api/v1/conversations/${group.id}/read`, {
      token: carol.token,
      body: { messageId: message.id },
    });
    expect(await statusOf()).toBe('read');
    const final = await receipts(carol);
    expect(final.readBy.map((r) => r.userId).sort()).toEqual([bob.id, carol.id].sort());
    expect(final.readBy.every((r) => typeof r.at === 'string')).toBe(true);
    // The sender never appears in their own receipts, and the others' messages carry no status.
    expect(final.deliveredTo.map((r) => r.userId)).not.toContain(alice.id);
    expect((await api(t.app, 'GET', url, { token: bob.token })).body.data.status).toBeNull();
    expect((await api(t.app, 'GET', `${url}/receipts`, { token: outsider.token })).status).toBe(404);
    events.stop();
  });

  it('counts unread messages from others and never moves the read marker back', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const m1 = await sendMessage(t.app, alice, group.id, 'one');
    const m2 = await sendMessage(t.app, bob, group.id, 'mine do not count');
    const m3 = await sendMessage(t.app, alice, group.id, 'three');
    const m4 = await sendMessage(t.app, alice, group.id, 'four');
    const readUrl = `/api/v1/conversations/${group.id}/read` as const;
    const upTo = (messageId: string, user = bob) =>
      api(t.app, 'POST', readUrl, { token: user.token, body: { messageId } });
    // Bob's own message already moved his marker past m1: reading m1 changes nothing.
    expect((await upTo(m1.id)).body.data).toEqual({ unreadCount: 2, lastReadMessageId: m2.id });
    expect((await upTo(m3.id)).body.data).toEqual({ unreadCount: 1, lastReadMessageId: m3.id });
    expect((await upTo(m1.id)).body.data).toEqual({ unreadCount: 1, lastReadMessageId: m3.id });
    // A deleted message is not unread.
    await api(t.app, 'DELETE', `${messagesUrl(group.id)}/${m4.id}`, { token: alice.token });
    expect((await upTo(m3.id)).body.data.unreadCount).toBe(0);
    expect((await upTo(m3.id, outsider)).status).toBe(404);
    expect((await upTo(randomUUID())).status).toBe(404);
  });
});

describe('real-time events', () => {
  it('sends message.created to each member, echoing clientMessageId to the sender only', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const events = recordEvents(t.bus);
    const message = await sendMessage(t.app, alice, group.id, 'live', { clientMessageId: 'tmp-7' });
    expect(events.of(alice, 'message.created')).toMatchObject([
      { id: message.id, clientMessageId: 'tmp-7', status: 'sent' },
    ]);
    expect(events.of(bob, 'message.created')).toMatchObject([
      { id: message.id, clientMessageId: null, status: null, content: 'live' },
    ]);
    expect(events.of(outsider, 'message.created')).toHaveLength(0);
    events.stop();
  });

  it('does not raise receipt.updated when a fetch moves nothing', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    await sendMessage(t.app, alice, group.id, 'once');
    await listAll(t.app, bob, group.id);
    const events = recordEvents(t.bus);
    await listAll(t.app, bob, group.id);
    expect(events.of(alice, 'receipt.updated')).toHaveLength(0);
    events.stop();
  });
});

describe('route guards', () => {
  it('answers 404 to a non-member on every message route', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const mine = await createGroup(t.app, outsider, []);
    const message = await sendMessage(t.app, alice, group.id, 'members only');
    const base = messagesUrl(group.id);
    const calls: [Method, string, unknown?][] = [
      ['GET', base],
      ['POST', base, { content: 'hi' }],
      ['GET', `${base}/${message.id}`],
      ['DELETE', `${base}/${message.id}`],
      ['DELETE', `${base}/${message.id}?scope=me`],
      ['POST', `${base}/${message.id}/forward`, { conversationIds: [mine.id] }],
      ['GET', `${base}/${message.id}/receipts`],
      ['POST', `/api/v1/conversations/${group.id}/read`, { messageId: message.id }],
      ['GET', `/api/v1/conversations/${group.id}/changes`],
    ];
    for (const [method, url, body] of calls) {
      const response = await api(t.app, method, url, { token: outsider.token, body });
      expect(response.status, `${method} ${url}`).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
    void addToGroup;
  });
});

describe('documentation', () => {
  it('publishes every message route in the OpenAPI document', async () => {
    const paths = Object.keys((await openApiDocument(t.app)).paths);
    for (const path of [
      '/api/v1/conversations/{conversationId}/messages',
      '/api/v1/conversations/{conversationId}/messages/{messageId}',
      '/api/v1/conversations/{conversationId}/messages/{messageId}/forward',
      '/api/v1/conversations/{conversationId}/messages/{messageId}/receipts',
      '/api/v1/conversations/{conversationId}/read',
      '/api/v1/conversations/{conversationId}/changes',
    ]) {
      expect(paths).toContain(path);
    }
  });
});
