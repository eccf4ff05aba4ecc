// Acks and reads that arrive together are written together (group commit for marker moves): through
// sockets and HTTP on the real database, the members of a group acknowledging and reading at once move
// their markers in one transaction, each member's moves merged (never back), each member announced once,
// every reader answered with the unread count of the rule, and the inbox rows kept by it. Where a test
// needs moves to meet in one batch, it holds the conversation's row lock from its own connection, as a slow
// writer would, and lets go once everything is waiting.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createGroup, inboxEntry } from '../helpers/conversations.js';
import { createUsers, type TestUser } from '../helpers/factories.js';
import { sleep, until } from '../helpers/fault-harness.js';
import { api } from '../helpers/http.js';
import { messagesUrl, recordEvents, sendMessage } from '../helpers/messages.js';
import { holdConversation } from '../helpers/row-locks.js';

const t = useTestApp();
let db: pg.Client;

beforeAll(async () => {
  db = new pg.Client({ connectionString: t.database.url });
  await db.connect();
});
afterAll(async () => {
  await db.end();
});

const read = (user: TestUser, conversationId: string, messageId: string) =>
  api(t.app, 'POST', `/api/v1/conversations/${conversationId}/read`, {
    token: user.token,
    body: { messageId },
  });

/** Each member's markers as stored, with the transaction that last wrote the row and its change id. */
async function markers(conversationId: string) {
  const { rows } = await db.query<{
    user_id: string;
    read_seq: string;
    delivered_seq: string;
    marker_change_id: string;
    writer: string;
  }>(
    `select user_id, read_seq, delivered_seq, marker_change_id, xmin::text as writer
     from participants where conversation_id = $1`,
    [conversationId],
  );
  return new Map(
    rows.map((row) => [
      row.user_id,
      {
        read: Number(row.read_seq),
        delivered: Number(row.delivered_seq),
        changeId: Number(row.marker_change_id),
        writer: row.writer,
      },
    ]),
  );
}

describe('acks and reads that arrive together', () => {
  it('move every marker in one transaction, merged per member, each member announced once', async () => {
    const [alice, bob, carol, dave, erin, frank, outsider] = await createUsers(t.app, 7);
    const group = await createGroup(t.app, alice, [bob, carol, dave, erin, frank]);
    const m1 = await sendMessage(t.app, alice, group.id, 'one');
    const m2 = await sendMessage(t.app, bob, group.id, 'two');
    const m3 = await sendMessage(t.app, alice, group.id, 'three');
    const m4 = await sendMessage(t.app, alice, group.id, 'four');
    const sockets = { bob: await t.online(bob), carol: await t.online(carol) };
    // frank fetched the history: everything is delivered to him already.
    expect((await api(t.app, 'GET', messagesUrl(group.id), { token: frank.token })).status).toBe(200);
    const events = recordEvents(t.bus);

    const lock = await holdConversation(t.database.url, group.id);
    // The leader's batch waits for the lock; everything after it queues for the next batch.
    const leader = read(erin, group.id, m1.id);
    await lock.waiters(db, 1);
    sockets.bob.send({ type: 'ack', data: { messageId: m4.id, conversationId: group.id } });
    // carol acknowledges one message and reads an earlier one: merged, each marker goes to the furthest.
    sockets.carol.send({ type: 'ack', data: { messageId: m3.id, conversationId: group.id } });
    const carolReads = read(carol, group.id, m2.id);
    const daveReads = read(dave, group.id, m3.id);
    // A read behind the delivered marker moves the read marker only, never the other one back.
    const frankReads = read(frank, group.id, m1.id);
    const outsiderReads = read(outsider, group.id, m1.id);
    await sleep(300);
    await lock.release();

    expect((await leader).body.data).toEqual({ unreadCount: 3, lastReadMessageId: m1.id });
    expect((await carolReads).body.data).toEqual({ unreadCount: 2, lastReadMessageId: m2.id });
    expect((await daveReads).body.data).toEqual({ unreadCount: 1, lastReadMessageId: m3.id });
    expect((await frankReads).body.data).toEqual({ unreadCount: 3, lastReadMessageId: m1.id });
    expect((await outsiderReads).status).toBe(404);
    await until('the acks are written', async () => {
      const now = await markers(group.id);
      return now.get(bob.id)!.delivered === m4.seq && now.get(carol.id)!.delivered === m3.seq;
    });
    const after = await markers(group.id);
    expect(after.get(bob.id)).toMatchObject({ read: m2.seq, delivered: m4.seq });
    expect(after.get(carol.id)).toMatchObject({ read: m2.seq, delivered: m3.seq });
    expect(after.get(dave.id)).toMatchObject({ read: m3.seq, delivered: m3.seq });
    expect(after.get(erin.id)).toMatchObject({ read: m1.seq, delivered: m1.seq });
    expect(after.get(frank.id)).toMatchObject({ read: m1.seq, delivered: m4.seq });
    // The premise: the moves after the leader's went to the database together, one change id each row,
    // all after the leader's.
    const batched = [bob, carol, dave, frank].map((member) => after.get(member.id)!);
    expect(new Set(batched.map((row) => row.writer)).size).toBe(1);
    expect(new Set(batched.map((row) => row.changeId)).size).toBe(4);
    for (const row of batched) expect(row.changeId).toBeGreaterThan(after.get(erin.id)!.changeId);

    // Each member whose markers moved is announced once to the sender, with the state as stored.
    await until('the receipts are out', async () => events.of(alice, 'receipt.updated').length >= 5);
    await sleep(100);
    const receipts = events.of(alice, 'receipt.updated');
    expect(receipts.map((receipt) => receipt.userId).sort()).toEqual(
      [bob.id, carol.id, dave.id, erin.id, frank.id].sort(),
    );
    expect(receipts.find((receipt) => receipt.userId === carol.id)).toMatchObject({
      lastReadMessageId: m2.id,
      lastDeliveredMessageId: m3.id,
    });
    events.stop();

    // Each reader's inbox row counts what the unread rule counts, and shows the newest message.
    for (const [member, unread] of [
      [carol, 2],
      [dave, 1],
      [erin, 3],
      [frank, 3],
    ] as const) {
      expect(await inboxEntry(t.app, member, group.id)).toMatchObject({
        unreadCount: unread,
        lastMessage: { id: m4.id },
      });
    }
  });

  it('move nothing in a group deleted just before their batch, and say so', async () => {
    const [alice, bob, carol] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, alice, [bob, carol]);
    const sent = await sendMessage(t.app, alice, group.id, 'soon gone');
    const before = await markers(group.id);
    const lock = await holdConversation(t.database.url, group.id);
    // The deletion queues for the lock first, then the reads' batch.
    const deletion = api(t.app, 'DELETE', `/api/v1/conversations/${group.id}`, { token: alice.token });
    await lock.waiters(db, 1);
    const reads = [read(bob, group.id, sent.id)];
    await lock.waiters(db, 2);
    reads.push(read(carol, group.id, sent.id));
    await sleep(300);
    await lock.release();
    expect((await deletion).status).toBe(200);
    expect((await Promise.all(reads)).map((answer) => answer.status)).toEqual([404, 404]);
    const after = await markers(group.id);
    for (const member of [alice, bob, carol]) {
      const { writer: _, ...moved } = after.get(member.id)!;
      const { writer: __, ...was } = before.get(member.id)!;
      expect(moved).toEqual(was);
    }
  });
});
