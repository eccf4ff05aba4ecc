// Sends that arrive together are written together (group commit): through HTTP on the real database, many
// at once keep every conversation's seq gap-free, every acknowledged message is stored and announced once,
// a retried clientMessageId stays one message however the copies meet, and a send that must fail fails
// alone, with its own answer. Where a test needs sends to meet in one batch, or a membership change to
// land just before a batch, it holds the conversation's row lock from its own connection, as a slow writer
// would, and lets go once everything is waiting.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  addToGroup,
  createDirect,
  createGroup,
  inboxEntry,
  removeFromGroup,
} from '../helpers/conversations.js';
import { createUsers, type TestUser } from '../helpers/factories.js';
import { sleep } from '../helpers/fault-harness.js';
import { api } from '../helpers/http.js';
import { listAll, messagesUrl, recordEvents, sendMessage } from '../helpers/messages.js';
import { holdConversation } from '../helpers/row-locks.js';

let t: TestApp;
let db: pg.Client;

beforeAll(async () => {
  t = await createTestApp();
  db = new pg.Client({ connectionString: t.database.url });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await t.close();
});

const post = (user: TestUser, conversationId: string, body: Record<string, unknown>) =>
  api(t.app, 'POST', messagesUrl(conversationId), { token: user.token, body });

/** What the database holds for a conversation, in seq order, with the transaction that wrote each row. */
async function stored(conversationId: string) {
  const { rows } = await db.query<{ id: string; seq: string; sender_id: string; writer: string }>(
    'select id, seq, sender_id, xmin::text as writer from messages where conversation_id = $1 order by seq',
    [conversationId],
  );
  return rows.map((row) => ({
    id: row.id,
    seq: Number(row.seq),
    senderId: row.sender_id,
    writer: row.writer,
  }));
}

/** The unread rule, counted from the stored messages: others' messages after the member's own newest. */
function expectedUnread(messages: { seq: number; senderId: string }[], user: TestUser): number {
  const ownNewest = Math.max(0, ...messages.filter((m) => m.senderId === user.id).map((m) => m.seq));
  return messages.filter((m) => m.senderId !== user.id && m.seq > ownNewest).length;
}

describe('many sends at once', () => {
  it('gives one conversation gap-free seqs, stores every acknowledged message and writes them together', async () => {
    const members = await createUsers(t.app, 4);
    const group = await createGroup(t.app, members[0]!, members.slice(1));
    const events = recordEvents(t.bus);
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => post(members[i % 4]!, group.id, { content: `message ${i}` })),
    );
    events.stop();
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    const rows = await stored(group.id);
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(answers.map((answer) => answer.body.data.id)));
    // Each answer carries the seq it was stored with.
    const seqOf = new Map(rows.map((row) => [row.id, row.seq]));
    for (const answer of answers) expect(answer.body.data.seq).toBe(seqOf.get(answer.body.data.id));
    // Sends that queued while another was on its way shared its successor's transaction.
    expect(new Set(rows.map((row) => row.writer)).size).toBeLessThan(rows.length);
    // Every member hears of every message once (their own included, on their other devices).
    for (const member of members) {
      const heard = events.of(member, 'message.created').map((message) => message.id);
      expect(heard.sort()).toEqual([...seqOf.keys()].sort());
    }
    // Each member's inbox row counts what the unread rule counts, and shows the newest message.
    for (const member of members) {
      expect(await inboxEntry(t.app, member, group.id)).toMatchObject({
        unreadCount: expectedUnread(rows, member),
        lastMessage: { id: rows.at(-1)!.id },
      });
    }
  });

  it('keeps the seqs of many conversations gap-free and in each sender’s order', async () => {
    const people = await createUsers(t.app, 16);
    const chats = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createDirect(t.app, people[2 * i]!, people[2 * i + 1]!)),
    );
    // Each person sends 6 messages one after the other; everyone at once (96 sends, over the batch cap).
    const sent = await Promise.all(
      people.map(async (person, i) => {
        const chat = chats[Math.floor(i / 2)]!;
        const seqs: number[] = [];
        for (let k = 0; k < 6; k += 1) seqs.push((await sendMessage(t.app, person, chat.id, `${k}`)).seq);
        return seqs;
      }),
    );
    for (const seqs of sent) expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    for (const [i, chat] of chats.entries()) {
      const rows = await stored(chat.id);
      expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
      for (const person of [people[2 * i]!, people[2 * i + 1]!]) {
        expect((await inboxEntry(t.app, person, chat.id))?.unreadCount).toBe(expectedUnread(rows, person));
      }
    }
  });
});

describe('a retried clientMessageId', () => {
  it('is one message when the copies arrive together, answered alike, announced once', async () => {
    const [alice, bob] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, alice, [bob]);
    const events = recordEvents(t.bus);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post(alice, group.id, { content: 'once', clientMessageId: 'retry-1' })),
    );
    events.stop();
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((answer) => answer.body.data.id)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.body.data.seq))).toEqual(new Set([1]));
    expect(await stored(group.id)).toHaveLength(1);
    expect(events.of(bob, 'message.created')).toHaveLength(1);
    expect(events.of(alice, 'message.created')).toHaveLength(1);
  });

  it('is one message when the copies reach two servers at once', async () => {
    const other = await createTestApp({ database: t.database });
    try {
      const [alice, bob] = await createUsers(t.app, 2);
      const group = await createGroup(t.app, alice, [bob]);
      const body = { content: 'once', clientMessageId: 'retry-2' };
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          api(i % 2 === 0 ? t.app : other.app, 'POST', messagesUrl(group.id), { token: alice.token, body }),
        ),
      );
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(7);
      expect(new Set(answers.map((answer) => answer.body.data.id)).size).toBe(1);
      expect(await stored(group.id)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe('a send that must fail, in a batch with others', () => {
  it('fails alone, with its own answer, and the others are written', async () => {
    const [alice, bob, outsider, mallory, eve] = await createUsers(t.app, 5);
    const group = await createGroup(t.app, alice, [bob]);
    const other = await createGroup(t.app, alice, [bob]);
    const blockedChat = await createDirect(t.app, alice, mallory);
    const blockingChat = await createDirect(t.app, alice, eve);
    // alice blocked mallory: she may not write to him; eve blocked alice: alice's message is withheld.
    expect(
      (await api(t.app, 'PUT', `/api/v1/users/${mallory.id}/block`, { token: alice.token })).status,
    ).toBe(200);
    expect((await api(t.app, 'PUT', `/api/v1/users/${alice.id}/block`, { token: eve.token })).status).toBe(
      200,
    );
    const first = await sendMessage(t.app, alice, group.id, 'first', { clientMessageId: 'sent-before' });
    const elsewhere = await sendMessage(t.app, bob, other.id, 'in the other group');

    const lock = await holdConversation(t.database.url, group.id);
    const leader = post(bob, group.id, { content: 'waits for the lock' });
    await lock.waiters(db, 1);
    // Everything below queues behind the leader's batch, so it goes as one batch once the lock is free.
    const sends = {
      good: Array.from({ length: 6 }, (_, i) =>
        post(i % 2 ? alice : bob, group.id, { content: `good ${i}` }),
      ),
      reply: post(bob, group.id, { content: 'a reply', replyToId: first.id }),
      outsider: post(outsider, group.id, { content: 'let me in' }),
      blocked: post(alice, blockedChat.id, { content: 'to someone I blocked' }),
      withheld: post(alice, blockingChat.id, { content: 'to someone who blocked me' }),
      retry: post(alice, group.id, { content: 'first', clientMessageId: 'sent-before' }),
      badReply: post(alice, group.id, { content: 'reply elsewhere', replyToId: elsewhere.id }),
    };
    await sleep(300);
    await lock.release();

    const good = await Promise.all(sends.good);
    expect(good.map((answer) => answer.status)).toEqual(good.map(() => 201));
    expect((await leader).status).toBe(201);
    const reply = await sends.reply;
    expect(reply.status).toBe(201);
    expect(reply.body.data.replyTo).toMatchObject({ id: first.id, preview: 'first', deleted: false });
    expect((await sends.outsider).status).toBe(404);
    expect(await sends.blocked).toMatchObject({ status: 403, body: { code: 'BLOCKED' } });
    expect((await sends.withheld).status).toBe(201);
    expect(await sends.retry).toMatchObject({ status: 200, body: { data: { id: first.id, seq: 1 } } });
    expect(await sends.badReply).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED' } });

    const rows = await stored(group.id);
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => i + 1));
    const batched = [...good, reply].map((answer) => answer.body.data.id);
    expect(rows.map((row) => row.id).sort()).toEqual(
      [first.id, (await leader).body.data.id, ...batched].sort(),
    );
    // The premise: the sends after the leader did go to the database as one batch.
    const writers = new Set(rows.filter((row) => batched.includes(row.id)).map((row) => row.writer));
    expect(writers.size).toBe(1);
    // Nothing reached the blocked or blocking person's side.
    expect(await stored(blockedChat.id)).toEqual([]);
    expect(await listAll(t.app, eve, blockingChat.id)).toEqual([]);
    expect((await inboxEntry(t.app, eve, blockingChat.id))?.unreadCount ?? 0).toBe(0);
    expect(await listAll(t.app, alice, blockingChat.id)).toHaveLength(1);
  });
});

describe('membership changes that land just before a batch', () => {
  it('count the new member and refuse the removed one, as the history rule says', async () => {
    const [alice, bob, carol, dave] = await createUsers(t.app, 4);
    const group = await createGroup(t.app, alice, [bob, carol]);
    await sendMessage(t.app, carol, group.id, 'before');
    const lock = await holdConversation(t.database.url, group.id);
    // The removal and the addition queue for the lock first, then the sends.
    const removal = removeFromGroup(t.app, group.id, alice, carol);
    await lock.waiters(db, 1);
    const addition = addToGroup(t.app, group.id, alice, dave);
    await lock.waiters(db, 2);
    const leader = post(alice, group.id, { content: 'leader' });
    await lock.waiters(db, 3);
    const sends = [alice, bob, carol, bob, carol, alice].map((sender, i) =>
      post(sender, group.id, { content: `after ${i}` }),
    );
    await sleep(300);
    await lock.release();
    await Promise.all([removal, addition]);

    const answers = await Promise.all([leader, ...sends]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 404, 201, 404, 201]);
    const rows = await stored(group.id);
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    // dave sees exactly what was sent after he joined, and his inbox row counts all of it as unread. Where
    // his history starts is read back: the removal goes first (the held lock's first waiter), but once it
    // has updated the conversation row PostgreSQL does not promise which of the next waiters, the addition
    // or the leader's batch, locks the new row version first.
    const { rows: periods } = await db.query<{ after: number }>(
      'select after_seq::int as after from membership_periods where conversation_id = $1 and user_id = $2',
      [group.id, dave.id],
    );
    const after = periods[0]!.after;
    const sentSinceJoin = rows.filter((row) => row.seq > after).map((row) => row.seq);
    expect(sentSinceJoin.length).toBeGreaterThan(0);
    const seen = await listAll(t.app, dave, group.id);
    expect(seen.map((message) => message.seq).sort()).toEqual(sentSinceJoin);
    expect(await inboxEntry(t.app, dave, group.id)).toMatchObject({
      unreadCount: sentSinceJoin.length,
      lastMessage: { id: rows.at(-1)!.id },
    });
    for (const member of [alice, bob]) {
      expect((await inboxEntry(t.app, member, group.id))?.unreadCount).toBe(expectedUnread(rows, member));
    }
  });
});
