// The history-visibility rule has several forms (the SQL fragment every read path uses, the in-memory
// period check behind ticks and receipts, the recipients of real-time events, the paged walk, the unread
// count). This holds all of them to the same answers over one history with joins, removals and re-joins.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  isUnread,
  membersSeeingAll,
  periodsCover,
  usersWhoCanSeeQuery,
  visibleTo,
} from '../../src/core/visibility.js';
import { membershipPeriods, messageHides, messages, participants } from '../../src/db/schema.js';
import {
  selectPeriodsWithReadState,
  selectReadAnswer,
} from '../../src/modules/messages/read-state-queries.js';
import { audienceOf } from '../../src/modules/messages/status.js';
import { useTestApp } from '../helpers/app.js';
import { addToGroup, createGroup, removeFromGroup } from '../helpers/conversations.js';
import { createUser, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { listAll, messagesUrl, sendMessage } from '../helpers/messages.js';

const t = useTestApp();

describe('the history-visibility rule', () => {
  it('gives the same answers in every form, unread counts included', async () => {
    const [a, b, c, d, e] = await Promise.all(Array.from({ length: 5 }, () => createUser(t.app)));
    const everyone = [a!, b!, c!, d!, e!];
    const group = await createGroup(t.app, a!, [b!, e!]);
    const cid = group.id;
    const read = (user: TestUser, messageId: string) =>
      api(t.app, 'POST', `/api/v1/conversations/${cid}/read`, { token: user.token, body: { messageId } });

    await sendMessage(t.app, a!, cid, 'm1 before c');
    await addToGroup(t.app, cid, a!, c!);
    const m2 = await sendMessage(t.app, a!, cid, 'm2');
    await sendMessage(t.app, b!, cid, 'm3');
    await read(c!, m2.id);
    await removeFromGroup(t.app, cid, a!, e!);
    await removeFromGroup(t.app, cid, a!, c!);
    await sendMessage(t.app, a!, cid, 'm4 while c is out');
    await addToGroup(t.app, cid, a!, c!);
    const m5 = await sendMessage(t.app, b!, cid, 'm5');
    await api(t.app, 'DELETE', `${messagesUrl(cid)}/${m5.id}?scope=me`, { token: a!.token });
    await addToGroup(t.app, cid, a!, d!);
    const m6 = await sendMessage(t.app, d!, cid, 'm6');
    await removeFromGroup(t.app, cid, d!, d!);
    await sendMessage(t.app, a!, cid, 'm7 while d is out');
    await addToGroup(t.app, cid, a!, d!);
    const m8 = await sendMessage(t.app, b!, cid, 'm8');
    await api(t.app, 'DELETE', `${messagesUrl(cid)}/${m6.id}`, { token: d!.token });
    await read(b!, m8.id);

    const db = t.database.db;
    const all = await db.select().from(messages).where(eq(messages.conversationId, cid));
    const current = new Set(
      (await db.select().from(participants).where(eq(participants.conversationId, cid)))
        .filter((row) => row.leftAt === null)
        .map((row) => row.userId),
    );
    expect(current).toEqual(new Set([a!.id, b!.id, c!.id, d!.id]));

    const periodsOf = async (userId: string) =>
      db
        .select()
        .from(membershipPeriods)
        .where(and(eq(membershipPeriods.conversationId, cid), eq(membershipPeriods.userId, userId)));
    const hiddenBy = async (userId: string) =>
      new Set(
        (await db.select().from(messageHides).where(eq(messageHides.userId, userId))).map(
          (row) => row.messageId,
        ),
      );

    for (const user of everyone) {
      const periods = await periodsOf(user.id);
      const hidden = await hiddenBy(user.id);
      // In memory: the periods, less the hides.
      const inMemory = all
        .filter((m) => periodsCover(periods, m.seq) && !hidden.has(m.id))
        .map((m) => m.id)
        .sort();
      // The SQL fragment.
      const bySql = (
        await db
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.conversationId, cid), visibleTo(user.id)))
      )
        .map((row) => row.id)
        .sort();
      expect(bySql).toEqual(inMemory);

      if (current.has(user.id)) {
        // The paged walk and the single-message route.
        const listed = (await listAll(t.app, user, cid, 2)).map((m: { id: string }) => m.id).sort();
        expect(listed).toEqual(inMemory);
        for (const m of all) {
          const single = await api(t.app, 'GET', `${messagesUrl(cid)}/${m.id}`, { token: user.token });
          expect(single.status).toBe(inMemory.includes(m.id) ? 200 : 404);
        }
        // The unread count: in memory, POST /read's answer, and the inbox.
        const [marker] = await db
          .select({ readSeq: participants.readSeq })
          .from(participants)
          .where(and(eq(participants.conversationId, cid), eq(participants.userId, user.id)));
        const reader = { userId: user.id, readSeq: marker!.readSeq, periods, hidden };
        const expected = all.filter((m) => isUnread(reader, m)).length;
        expect((await selectReadAnswer(db, cid, user.id))?.unreadCount).toBe(expected);
        const inbox = await api(t.app, 'GET', '/api/v1/conversations?limit=100', { token: user.token });
        const entry = inbox.body.data.items.find((item: { id: string }) => item.id === cid);
        expect(entry!.unreadCount).toBe(expected);
      }
    }

    const periodsByUser = new Map(
      await Promise.all(everyone.map(async (user) => [user.id, await periodsOf(user.id)] as const)),
    );
    const oldest = all.reduce((first, m) => (m.seq < first.seq ? m : first));
    // With no seq to see, every current member.
    const members = await membersSeeingAll(db, cid, []);
    expect(members.every((row) => row.seesAll)).toBe(true);
    expect(new Set(members.map((row) => row.userId))).toEqual(current);
    for (const m of all) {
      const covering = [];
      for (const user of everyone) if (periodsCover(await periodsOf(user.id), m.seq)) covering.push(user.id);
      // Real-time recipients: the current members among them (hides only change the hider's own view).
      const recipients = (await usersWhoCanSeeQuery(db, cid, m.seq)).map((row) => row.userId);
      expect(new Set(recipients)).toEqual(new Set(covering.filter((id) => current.has(id))));
      // The same members through the form receipt.updated asks: alone, and with the oldest message's seq.
      for (const seqs of [[m.seq], [oldest.seq, m.seq]]) {
        const seeing = (await membersSeeingAll(db, cid, seqs)).filter((row) => row.seesAll);
        const expected = [...current].filter((id) =>
          seqs.every((seq) => periodsCover(periodsByUser.get(id)!, seq)),
        );
        expect(new Set(seeing.map((row) => row.userId))).toEqual(new Set(expected));
      }
      // Narrowed to a member and the senders of the messages after the oldest, up to this one.
      for (const member of current) {
        const among = { userId: member, sentAfter: oldest.seq, sentUpTo: m.seq };
        const narrowed = (await membersSeeingAll(db, cid, [m.seq], among)).map((row) => row.userId);
        const senders = all.filter((x) => x.seq > oldest.seq && x.seq <= m.seq).map((x) => x.senderId);
        const expected = [...current].filter((id) => id === member || senders.includes(id));
        expect(new Set(narrowed)).toEqual(new Set(expected));
      }
      // Ticks and receipts: everyone whose period held it, the sender aside.
      const periods = await selectPeriodsWithReadState(db, cid, m.senderId, m.seq, m.seq);
      expect(new Set(audienceOf(periods, m.seq).map((p) => p.userId))).toEqual(
        new Set(covering.filter((id) => id !== m.senderId)),
      );
    }

    // The history above is the one intended: c still has m3 unread from their first period, then m5,
    // m7 and m8 (m4 was sent while they were out, m6 was deleted).
    const cEntry = (
      await api(t.app, 'GET', '/api/v1/conversations?limit=100', { token: c!.token })
    ).body.data.items.find((item: { id: string }) => item.id === cid);
    expect(cEntry!.unreadCount).toBe(4);
  });
});
