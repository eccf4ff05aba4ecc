import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import {
  addToGroup,
  type ConversationList,
  createDirect,
  createGroup,
  inbox,
  inboxEntry,
  removeFromGroup,
} from '../helpers/conversations.js';
import { createUsers, type TestUser } from '../helpers/factories.js';
import { api, openApiDocument } from '../helpers/http.js';

const t = useTestApp();

async function send(user: TestUser, conversationId: string, content: string): Promise<string> {
  const response = await api(t.app, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
    token: user.token,
    body: { content },
  });
  expect(response.status).toBe(201);
  return response.body.data.id;
}

describe('my conversation list', () => {
  it('shows only my conversations, newest activity first', async () => {
    const [a, b, c] = await createUsers(t.app, 3);
    const g1 = await createGroup(t.app, a, [b], 'First');
    const g2 = await createGroup(t.app, a, [], 'Second');
    const direct = await createDirect(t.app, a, b);
    const theirs = await createGroup(t.app, c, [b], 'Not for a');

    expect((await inbox(t.app, a, '?limit=100')).items.map((i) => i.id)).toEqual([direct.id, g2.id, g1.id]);
    await send(b, g1.id, 'bump');
    expect((await inbox(t.app, a, '?limit=100')).items.map((i) => i.id)).toEqual([g1.id, direct.id, g2.id]);
    expect((await inbox(t.app, c, '?limit=100')).items.map((i) => i.id)).toEqual([theirs.id]);
    expect((await inbox(t.app, b, '?limit=100')).items.map((i) => i.id)).toEqual([
      g1.id,
      theirs.id,
      direct.id,
    ]);
  });

  it('places a group I am added to by its last message, not by when I joined', async () => {
    const [a, b, c] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, a, [b], 'Older');
    await send(a, group.id, 'before c');
    const direct = await createDirect(t.app, b, c);
    await send(b, direct.id, 'hi c');
    await addToGroup(t.app, group.id, a, c);
    const order = async () => (await inbox(t.app, c, '?limit=100')).items.map((i) => i.id);
    expect(await order()).toEqual([direct.id, group.id]);
    await send(b, group.id, 'welcome c');
    expect(await order()).toEqual([group.id, direct.id]);
    // Removed and back: the group is placed by what was sent meanwhile, as for everyone else.
    await removeFromGroup(t.app, group.id, a, c);
    await send(c, direct.id, 'c writes b');
    await send(a, group.id, 'while c is out');
    await addToGroup(t.app, group.id, a, c);
    expect(await order()).toEqual([group.id, direct.id]);
  });

  it('describes each entry: role, count, and the other person of a direct chat', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, a, [b], 'Described');
    const direct = await createDirect(t.app, a, b);
    const groupEntry = await inboxEntry(t.app, b, group.id);
    expect(groupEntry).toMatchObject({
      type: 'group',
      title: 'Described',
      myRole: 'member',
      participantCount: 2,
      otherUser: null,
      image: null,
    });
    const directEntry = await inboxEntry(t.app, b, direct.id);
    expect(directEntry!.otherUser).toMatchObject({
      id: a.id,
      firstName: a.firstName,
      lastName: a.lastName,
    });
    expect(typeof directEntry!.syncCursor).toBe('string');
  });

  it('shows the last message I may see and counts what others sent since my read marker', async () => {
    const [a, b, c] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, a, [b]);
    const m1 = await send(a, group.id, 'before c');
    await addToGroup(t.app, group.id, a, c);

    // c joined after m1: nothing to show, nothing unread.
    expect(await inboxEntry(t.app, c, group.id)).toMatchObject({ lastMessage: null, unreadCount: 0 });
    expect(await inboxEntry(t.app, b, group.id)).toMatchObject({
      lastMessage: { id: m1, senderId: a.id, content: 'before c', deleted: false },
      unreadCount: 1,
    });
    // My own messages are never unread.
    expect((await inboxEntry(t.app, a, group.id))!.unreadCount).toBe(0);

    const m2 = await send(a, group.id, 'with c');
    expect(await inboxEntry(t.app, c, group.id)).toMatchObject({ lastMessage: { id: m2 }, unreadCount: 1 });
    expect((await inboxEntry(t.app, b, group.id))!.unreadCount).toBe(2);

    const read = await api(t.app, 'POST', `/api/v1/conversations/${group.id}/read`, {
      token: b.token,
      body: { messageId: m1 },
    });
    expect(read.status).toBe(200);
    expect((await inboxEntry(t.app, b, group.id))!.unreadCount).toBe(1);
    await send(b, group.id, 'reply from b');
    expect((await inboxEntry(t.app, b, group.id))!.unreadCount).toBe(0);

    // Once removed, c no longer has the conversation at all.
    await removeFromGroup(t.app, group.id, a, c);
    await send(a, group.id, 'after c');
    expect(await inboxEntry(t.app, c, group.id)).toBeUndefined();
  });

  it('keeps the last message within what a re-added member may see', async () => {
    const [a, b, c] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, a, [b]);
    await send(a, group.id, 'm1');
    await addToGroup(t.app, group.id, a, c);
    const m2 = await send(a, group.id, 'm2');
    await removeFromGroup(t.app, group.id, a, c);
    await send(b, group.id, 'm3 while c is out');
    await addToGroup(t.app, group.id, a, c);
    // Back in: the last message c may see is m2, still unread from their first period; what was sent
    // while out neither shows nor counts.
    expect(await inboxEntry(t.app, c, group.id)).toMatchObject({
      lastMessage: { id: m2, content: 'm2' },
      unreadCount: 1,
    });
    const m4 = await send(b, group.id, 'm4');
    expect(await inboxEntry(t.app, c, group.id)).toMatchObject({ lastMessage: { id: m4 }, unreadCount: 2 });
  });

  it('still counts, after a re-add, what a member never read from their earlier period', async () => {
    const [a, b, c] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, a, [b, c]);
    const m1 = await send(a, group.id, 'm1, read');
    await api(t.app, 'POST', `/api/v1/conversations/${group.id}/read`, {
      token: c.token,
      body: { messageId: m1 },
    });
    await send(a, group.id, 'm2, never read');
    await send(b, group.id, 'm3, never read');
    await removeFromGroup(t.app, group.id, a, c);
    await send(a, group.id, 'm4 while c is out');
    await addToGroup(t.app, group.id, a, c);
    expect((await inboxEntry(t.app, c, group.id))!.unreadCount).toBe(2);
    // Their ticks agree: the senders do not see m2 or m3 as read by c.
    const history = await api(t.app, 'GET', `/api/v1/conversations/${group.id}/messages`, {
      token: a.token,
    });
    const m2 = history.body.data.items.find((m) => m.content === 'm2, never read');
    const receipts = await api(
      t.app,
      'GET',
      `/api/v1/conversations/${group.id}/messages/${m2!.id}/receipts`,
      {
        token: a.token,
      },
    );
    expect(receipts.body.data.readBy.map((r: { userId: string }) => r.userId)).not.toContain(c.id);
  });

  it('shows a message deleted for everyone as a tombstone and stops counting it', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, a, b);
    await send(a, direct.id, 'keep');
    const oops = await send(a, direct.id, 'oops');
    expect((await inboxEntry(t.app, b, direct.id))!.unreadCount).toBe(2);
    const deleted = await api(t.app, 'DELETE', `/api/v1/conversations/${direct.id}/messages/${oops}`, {
      token: a.token,
    });
    expect(deleted.status).toBe(200);
    expect(await inboxEntry(t.app, b, direct.id)).toMatchObject({
      lastMessage: { id: oops, content: null, deleted: true },
      unreadCount: 1,
    });
  });

  it('skips a message I hid for myself', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, a, b);
    const first = await send(a, direct.id, 'first');
    const second = await send(a, direct.id, 'second');
    const hidden = await api(
      t.app,
      'DELETE',
      `/api/v1/conversations/${direct.id}/messages/${second}?scope=me`,
      {
        token: b.token,
      },
    );
    expect(hidden.status).toBe(200);
    expect((await inboxEntry(t.app, b, direct.id))!.lastMessage!.id).toBe(first);
    expect((await inboxEntry(t.app, a, direct.id))!.lastMessage!.id).toBe(second);
  });

  it('pages with a cursor, with no repeats and no gaps', async () => {
    const [a] = await createUsers(t.app, 1);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createGroup(t.app, a, [], `Group ${i}`)).id);
    await send(a, ids[2]!, 'move me up');
    const all = (await inbox(t.app, a, '?limit=100')).items.map((i) => i.id);
    expect(all).toHaveLength(7);
    expect(all[0]).toBe(ids[2]);

    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await inbox(t.app, a, cursor ? `?limit=3&cursor=${cursor}` : '?limit=3');
      expect(page.items.length).toBeLessThanOrEqual(3);
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(paged).toEqual(all);
  });

  it('documents every conversation route in the OpenAPI document', async () => {
    const { paths } = await openApiDocument(t.app);
    expect(Object.keys(paths['/api/v1/conversations/'] ?? paths['/api/v1/conversations']!).sort()).toEqual([
      'get',
      'post',
    ]);
    expect(Object.keys(paths['/api/v1/conversations/{conversationId}']!).sort()).toEqual([
      'delete',
      'get',
      'patch',
    ]);
    expect(Object.keys(paths['/api/v1/conversations/{conversationId}/participants']!).sort()).toEqual([
      'get',
      'post',
    ]);
    expect(
      Object.keys(paths['/api/v1/conversations/{conversationId}/participants/{userId}']!).sort(),
    ).toEqual(['delete', 'patch']);
  });

  it('rejects a tampered cursor and a limit over 100', async () => {
    const [a] = await createUsers(t.app, 1);
    const bad = await api(t.app, 'GET', '/api/v1/conversations?cursor=garbage', { token: a.token });
    expect(bad.status).toBe(422);
    const wrongShape = Buffer.from(JSON.stringify(['not a time', 'x'])).toString('base64url');
    const tampered = await api(t.app, 'GET', `/api/v1/conversations?cursor=${wrongShape}`, {
      token: a.token,
    });
    expect(tampered.status).toBe(422);
    expect((await api(t.app, 'GET', '/api/v1/conversations?limit=101', { token: a.token })).status).toBe(422);
    expect((await api(t.app, 'GET', '/api/v1/conversations')).status).toBe(401);
  });

  it('gives each conversation a sync cursor that moves with messages and receipts', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, a, b);
    const quiet = await createGroup(t.app, a, [b]);
    const before = await inbox(t.app, a, '?limit=100');
    const cursorOf = (page: ConversationList, id: string) => page.items.find((i) => i.id === id)!.syncCursor;

    const changes = await api(t.app, 'GET', `/api/v1/conversations/${direct.id}/changes`, {
      token: a.token,
    });
    expect(changes.status).toBe(200);
    expect(cursorOf(before, direct.id)).toBe(changes.body.data.syncCursor);

    const message = await send(a, direct.id, 'ping');
    const afterSend = await inbox(t.app, a, '?limit=100');
    expect(cursorOf(afterSend, direct.id)).not.toBe(cursorOf(before, direct.id));
    expect(cursorOf(afterSend, quiet.id)).toBe(cursorOf(before, quiet.id));

    await api(t.app, 'POST', `/api/v1/conversations/${direct.id}/read`, {
      token: b.token,
      body: { messageId: message },
    });
    const afterRead = await inbox(t.app, a, '?limit=100');
    expect(cursorOf(afterRead, direct.id)).not.toBe(cursorOf(afterSend, direct.id));
    const synced = await api(t.app, 'GET', `/api/v1/conversations/${direct.id}/changes`, { token: a.token });
    expect(cursorOf(afterRead, direct.id)).toBe(synced.body.data.syncCursor);
  });

  it('stops counting an unread message I hid for myself', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, a, b);
    const first = await send(a, direct.id, 'first');
    await send(a, direct.id, 'second');
    expect((await inboxEntry(t.app, b, direct.id))!.unreadCount).toBe(2);
    const hidden = await api(
      t.app,
      'DELETE',
      `/api/v1/conversations/${direct.id}/messages/${first}?scope=me`,
      {
        token: b.token,
      },
    );
    expect(hidden.status).toBe(200);
    expect((await inboxEntry(t.app, b, direct.id))!.unreadCount).toBe(1);
    expect((await inboxEntry(t.app, a, direct.id))!.unreadCount).toBe(0);
  });

  it('brings back a direct chat I deleted for myself with the new message as its last and unread one', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, a, b);
    const old = await send(b, direct.id, 'before the delete');
    await api(t.app, 'POST', `/api/v1/conversations/${direct.id}/read`, {
      token: a.token,
      body: { messageId: old },
    });
    const removed = await api(t.app, 'DELETE', `/api/v1/conversations/${direct.id}`, { token: a.token });
    expect(removed.status).toBe(200);
    expect(await inboxEntry(t.app, a, direct.id)).toBeUndefined();

    const fresh = await send(b, direct.id, 'are you there?');
    expect(await inboxEntry(t.app, a, direct.id)).toMatchObject({
      lastMessage: { id: fresh, content: 'are you there?' },
      unreadCount: 1,
    });
  });

  it('keeps unread counts exact while messages arrive during reads', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, a, [b]);
    const sent: string[] = [];
    const reads: Promise<unknown>[] = [];
    for (let round = 0; round < 4; round += 1) {
      const batch = await Promise.all(
        Array.from({ length: 5 }, (_, i) => send(a, group.id, `round ${round} message ${i}`)),
      );
      sent.push(...batch);
      // Reads of the newest message so far race the next round of sends.
      reads.push(
        api(t.app, 'POST', `/api/v1/conversations/${group.id}/read`, {
          token: b.token,
          body: { messageId: batch[batch.length - 1] },
        }),
      );
    }
    await Promise.all(reads);
    // What the inbox says equals what POST /read counts from the read marker (reading the first
    // message again moves nothing).
    const recount = await api(t.app, 'POST', `/api/v1/conversations/${group.id}/read`, {
      token: b.token,
      body: { messageId: sent[0] },
    });
    expect(recount.status).toBe(200);
    expect((await inboxEntry(t.app, b, group.id))!.unreadCount).toBe(recount.body.data.unreadCount);
  });

  it('computes in the migration backfill the same rows the server keeps on write', async () => {
    const [a, b, c] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, a, [b, c]);
    await send(a, group.id, 'one');
    const two = await send(b, group.id, 'two');
    await removeFromGroup(t.app, group.id, a, c);
    await send(a, group.id, 'three, c is out');
    await addToGroup(t.app, group.id, a, c);
    await api(t.app, 'DELETE', `/api/v1/conversations/${group.id}/messages/${two}?scope=me`, {
      token: a.token,
    });
    await send(b, group.id, 'four');
    const kept = await Promise.all([a, b, c].map((user) => inboxEntry(t.app, user, group.id)));

    const migration = readFileSync(
      new URL('../../src/db/migrations/0002_inbox_rows.sql', import.meta.url),
      'utf8',
    );
    const backfill = migration.split('--> statement-breakpoint').find((part) => part.includes('UPDATE'));
    await t.database.db.execute(
      sql`update participants set unread_count = 0, last_visible_seq = null where conversation_id = ${group.id}`,
    );
    await t.database.db.execute(sql.raw(backfill!));
    const backfilled = await Promise.all([a, b, c].map((user) => inboxEntry(t.app, user, group.id)));
    expect(backfilled).toEqual(kept);
    // a: four; b: nothing (four is theirs); c, back after 'three': one and two from before, and four.
    expect(kept.map((item) => item!.unreadCount)).toEqual([1, 0, 3]);
  });

  it("keeps each member's place in the list where the migration backfill would put it", async () => {
    const [a, b, c, d] = await createUsers(t.app, 4);
    const group = await createGroup(t.app, a, [b, c]);
    await send(a, group.id, 'one');
    await removeFromGroup(t.app, group.id, a, c);
    await send(b, group.id, 'two, c is out');
    await addToGroup(t.app, group.id, a, c);
    await addToGroup(t.app, group.id, a, d);
    const direct = await createDirect(t.app, a, d);
    await api(t.app, 'PUT', `/api/v1/users/${a.id}/block`, { token: d.token });
    // Withheld from d, who blocked a: the chat moves for neither of them.
    await send(a, direct.id, 'withheld');
    const ids = [group.id, direct.id];
    const rows = () =>
      t.database.db.execute(
        sql`select conversation_id, user_id, activity_at from participants
            where conversation_id in (${sql.join(ids, sql`, `)}) order by 1, 2`,
      );
    const kept = (await rows()).rows;
    expect(kept).toHaveLength(6);

    const migration = readFileSync(
      new URL('../../src/db/migrations/0009_inbox_order.sql', import.meta.url),
      'utf8',
    );
    const backfill = migration.split('--> statement-breakpoint').find((part) => part.includes('UPDATE'));
    await t.database.db.execute(sql.raw(backfill!));
    expect((await rows()).rows).toEqual(kept);
  });
});

describe('each entry of my list', () => {
  it('shows every chat exactly as its details do, whatever it holds', async () => {
    const [me, friend, hidden, blocker, member] = await createUsers(t.app, 5);
    // Their photo and last seen on record, so what privacy and blocks hide shows.
    for (const user of [friend, hidden, blocker]) {
      await t.database.db.execute(
        sql`update users set profile_image = ${`profiles/${user.id}`}, last_seen_at = now(), about = 'hi' where id = ${user.id}`,
      );
    }
    const withFriend = await createDirect(t.app, me, friend);
    await send(friend, withFriend.id, 'hello');
    const withHidden = await createDirect(t.app, me, hidden);
    await api(t.app, 'PATCH', '/api/v1/users/me/privacy', {
      token: hidden.token,
      body: { profilePhoto: 'nobody', lastSeen: 'nobody' },
    });
    const withBlocker = await createDirect(t.app, me, blocker);
    await send(me, withBlocker.id, 'before the block');
    await api(t.app, 'PUT', `/api/v1/users/${me.id}/block`, { token: blocker.token });
    const group = await createGroup(t.app, me, [friend, member]);
    const erased = await send(member, group.id, 'soon gone');
    await api(t.app, 'DELETE', `/api/v1/conversations/${group.id}/messages/${erased}`, {
      token: member.token,
    });
    const quiet = await createGroup(t.app, friend, [me]);
    const settings = (id: string, body: Record<string, unknown>) =>
      api(t.app, 'PATCH', `/api/v1/conversations/${id}/settings`, { token: me.token, body });
    await settings(withFriend.id, { pinned: true, mutedUntil: 'forever' });
    await settings(group.id, { mutedUntil: new Date(Date.now() + 3_600_000).toISOString() });
    await settings(quiet.id, { archived: true });

    const entries = [...(await inbox(t.app, me)).items, ...(await inbox(t.app, me, '?archived=true')).items];
    expect(entries.map((entry) => entry.id).sort()).toEqual(
      [withFriend.id, withHidden.id, withBlocker.id, group.id, quiet.id].sort(),
    );
    for (const entry of entries) {
      const details = await api(t.app, 'GET', `/api/v1/conversations/${entry.id}`, { token: me.token });
      const { participants, ...summary } = details.body.data;
      expect(participants).toHaveLength(entry.participantCount);
      expect(entry).toEqual(summary);
    }
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    expect(byId.get(withFriend.id)!.otherUser!.profileImage).not.toBeNull();
    expect(byId.get(withHidden.id)!.otherUser).toMatchObject({ profileImage: null, lastSeenAt: null });
    expect(byId.get(withBlocker.id)!.otherUser).toMatchObject({ profileImage: null, lastSeenAt: null });
    expect(byId.get(group.id)!.lastMessage).toMatchObject({ deleted: true, content: null });
    expect(byId.get(quiet.id)).toMatchObject({ lastMessage: null, otherUser: null });
  });
});

describe("each conversation's member count and sync cursor, kept on its row", () => {
  const syncCursorOf = async (user: TestUser, conversationId: string) => {
    const response = await api(t.app, 'GET', `/api/v1/conversations/${conversationId}/changes`, {
      token: user.token,
    });
    expect(response.status).toBe(200);
    return response.body.data.syncCursor as string;
  };
  const messageUrl = (conversationId: string, messageId: string) =>
    `/api/v1/conversations/${conversationId}/messages/${messageId}`;

  it('counts the current members and moves the cursor with every change, as /changes and the backfill say', async () => {
    const [a, b, c, d] = await createUsers(t.app, 4);
    const group = await createGroup(t.app, a, [b, c]);
    const seen: string[] = [];
    /** The viewer's entry: the member count, and the cursor /changes gives, moved (or not) by the step. */
    const expectEntry = async (viewer: TestUser, conversationId: string, members: number, moved = true) => {
      const entry = (await inboxEntry(t.app, viewer, conversationId))!;
      expect(entry.participantCount).toBe(members);
      expect(entry.syncCursor).toBe(await syncCursorOf(viewer, conversationId));
      if (moved) expect(seen).not.toContain(entry.syncCursor);
      else expect(entry.syncCursor).toBe(seen.at(-1));
      seen.push(entry.syncCursor);
    };
    await expectEntry(a, group.id, 3);

    // Sends that arrive together go in one batch.
    const [one, two] = await Promise.all([
      send(a, group.id, 'one'),
      send(b, group.id, 'two'),
      send(c, group.id, 'three'),
    ]);
    await expectEntry(a, group.id, 3);
    const latest = await send(a, group.id, 'latest');
    await expectEntry(a, group.id, 3);
    const read = await api(t.app, 'POST', `/api/v1/conversations/${group.id}/read`, {
      token: b.token,
      body: { messageId: latest },
    });
    expect(read.status).toBe(200);
    await expectEntry(a, group.id, 3);
    // A sync from a stored cursor moves c's delivered marker.
    const synced = await api(t.app, 'GET', `/api/v1/conversations/${group.id}/changes?since=${seen[0]}`, {
      token: c.token,
    });
    expect(synced.body.data.items).toHaveLength(4);
    await expectEntry(a, group.id, 3);
    expect(
      (await api(t.app, 'PATCH', messageUrl(group.id, one!), { token: a.token, body: { content: 'one!' } }))
        .status,
    ).toBe(200);
    await expectEntry(a, group.id, 3);
    await api(t.app, 'PUT', `${messageUrl(group.id, one!)}/reaction`, {
      token: b.token,
      body: { emoji: '👍' },
    });
    await expectEntry(a, group.id, 3);
    expect((await api(t.app, 'DELETE', messageUrl(group.id, two!), { token: b.token })).status).toBe(200);
    await expectEntry(a, group.id, 3);
    await api(t.app, 'DELETE', `${messageUrl(group.id, one!)}?scope=me`, { token: c.token });
    await expectEntry(c, group.id, 3);
    // Leaving changes the count, not the cursor; coming back stamps the returning member's markers.
    await removeFromGroup(t.app, group.id, a, c);
    await expectEntry(a, group.id, 2, false);
    await addToGroup(t.app, group.id, a, c);
    await expectEntry(a, group.id, 3);
    await removeFromGroup(t.app, group.id, b, b);
    await expectEntry(a, group.id, 2, false);
    await addToGroup(t.app, group.id, a, d);
    await expectEntry(d, group.id, 3);

    // A forward is written on its own (not in a batch); a message d withheld from blocking a still moves
    // the conversation's cursor, as every change in it does.
    const direct = await createDirect(t.app, a, d);
    await expectEntry(a, direct.id, 2);
    const forwarded = await api(t.app, 'POST', `${messageUrl(group.id, one!)}/forward`, {
      token: a.token,
      body: { conversationIds: [direct.id] },
    });
    expect(forwarded.status).toBe(201);
    await expectEntry(d, direct.id, 2);
    expect((await api(t.app, 'PUT', `/api/v1/users/${a.id}/block`, { token: d.token })).status).toBe(200);
    await send(a, direct.id, 'withheld from d');
    await expectEntry(a, direct.id, 2);

    const ids = [group.id, direct.id];
    const rows = async () =>
      (
        await t.database.db.execute(
          sql`select id, participant_count, last_change_id from conversations
              where id in (${sql.join(ids, sql`, `)}) order by id`,
        )
      ).rows;
    const kept = await rows();
    const migration = readFileSync(
      new URL('../../src/db/migrations/0011_conversation_figures.sql', import.meta.url),
      'utf8',
    );
    const backfill = migration.split('--> statement-breakpoint').find((part) => part.includes('UPDATE'));
    await t.database.db.execute(sql.raw(backfill!));
    expect(await rows()).toEqual(kept);
  });

  it('keeps the count exact when members join and leave at the same time', async () => {
    const [owner, ...others] = await createUsers(t.app, 7);
    const group = await createGroup(t.app, owner, others.slice(0, 3));
    await Promise.all([
      ...others.slice(3).map((user) => addToGroup(t.app, group.id, owner, user)),
      ...others.slice(0, 2).map((user) => removeFromGroup(t.app, group.id, user, user)),
    ]);
    expect((await inboxEntry(t.app, owner, group.id))!.participantCount).toBe(5);
    const details = await api(t.app, 'GET', `/api/v1/conversations/${group.id}`, { token: owner.token });
    expect(details.body.data.participantCount).toBe(5);
    expect(details.body.data.participants).toHaveLength(5);
  });
});
