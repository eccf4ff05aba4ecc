// The first page of a conversation list is sent again as it was while nothing it shows changed
// (core/inbox-cache.ts). Every change a user can make shows on the next request: to the chats' members,
// and to the people shown on the page (the other person of a direct chat), whose profile, photo, privacy,
// blocks and account change what the page shows. A change made behind the server's back (straight in the
// database) shows within AUTH_CACHE_TTL.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createDirect, createGroup, inbox, inboxEntry } from '../helpers/conversations.js';
import { createUsers, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { markRead, sendMessage } from '../helpers/messages.js';

const TTL_MS = 1_500;
const t = useTestApp({ env: { AUTH_CACHE_TTL: `${TTL_MS}ms` } });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A photo and a last seen on record (set in the database, before anyone has listed), so hiding them shows. */
async function withPhotoAndLastSeen(user: TestUser) {
  await t.database.db.execute(
    sql`update users set profile_image = ${`profiles/${user.id}`}, last_seen_at = now() where id = ${user.id}`,
  );
}

async function otherUserOn(viewer: TestUser, conversationId: string) {
  const entry = await inboxEntry(t.app, viewer, conversationId);
  expect(entry).toBeDefined();
  return entry!.otherUser!;
}

describe('a conversation list asked for again', () => {
  it('serves a change made behind the server (in the database) within AUTH_CACHE_TTL, not before', async () => {
    const [me, them] = await createUsers(t.app, 2);
    const chat = await createDirect(t.app, me, them);
    expect((await otherUserOn(me, chat.id)).firstName).toBe(them.firstName);

    await t.database.db.execute(sql`update users set first_name = 'Renamed' where id = ${them.id}`);
    // Nothing told the server: the page it sent is still what it sends.
    expect((await otherUserOn(me, chat.id)).firstName).toBe(them.firstName);
    await sleep(TTL_MS + 100);
    expect((await otherUserOn(me, chat.id)).firstName).toBe('Renamed');
  });

  it('shows at once what the other person of a direct chat changes: name, privacy, block', async () => {
    const [me, them] = await createUsers(t.app, 2);
    await withPhotoAndLastSeen(them);
    const chat = await createDirect(t.app, me, them);
    const shown = await otherUserOn(me, chat.id);
    expect(shown.profileImage).not.toBeNull();
    expect(shown.lastSeenAt).not.toBeNull();

    const renamed = await api(t.app, 'PATCH', '/api/v1/users/me', {
      token: them.token,
      body: { firstName: 'Newname' },
    });
    expect(renamed.status).toBe(200);
    expect((await otherUserOn(me, chat.id)).firstName).toBe('Newname');

    const hidden = await api(t.app, 'PATCH', '/api/v1/users/me/privacy', {
      token: them.token,
      body: { profilePhoto: 'nobody', lastSeen: 'nobody' },
    });
    expect(hidden.status).toBe(200);
    expect(await otherUserOn(me, chat.id)).toMatchObject({ profileImage: null, lastSeenAt: null });

    const shownAgain = await api(t.app, 'PATCH', '/api/v1/users/me/privacy', {
      token: them.token,
      body: { profilePhoto: 'everyone', lastSeen: 'everyone' },
    });
    expect(shownAgain.status).toBe(200);
    expect((await otherUserOn(me, chat.id)).profileImage).not.toBeNull();

    // They block me: I stop seeing their photo and last seen; they unblock me: I see them again.
    expect((await api(t.app, 'PUT', `/api/v1/users/${me.id}/block`, { token: them.token })).status).toBe(200);
    expect(await otherUserOn(me, chat.id)).toMatchObject({ profileImage: null, lastSeenAt: null });
    expect((await api(t.app, 'DELETE', `/api/v1/users/${me.id}/block`, { token: them.token })).status).toBe(
      200,
    );
    expect((await otherUserOn(me, chat.id)).profileImage).not.toBeNull();
  });

  it('shows at once what happens in my chats: messages, reads, settings, groups', async () => {
    const [me, them, third] = await createUsers(t.app, 3);
    const chat = await createDirect(t.app, me, them);
    expect((await inboxEntry(t.app, me, chat.id))!.lastMessage).toBeNull();

    const sent = await sendMessage(t.app, them, chat.id, 'first');
    expect(await inboxEntry(t.app, me, chat.id)).toMatchObject({
      lastMessage: { id: sent.id, content: 'first' },
      unreadCount: 1,
    });
    await markRead(t.app, me, chat.id, sent.id);
    expect((await inboxEntry(t.app, me, chat.id))!.unreadCount).toBe(0);

    const pinned = await api(t.app, 'PATCH', `/api/v1/conversations/${chat.id}/settings`, {
      token: me.token,
      body: { pinned: true },
    });
    expect(pinned.status).toBe(200);
    expect((await inboxEntry(t.app, me, chat.id))!.settings.pinned).toBe(true);

    const edited = await api(t.app, 'PATCH', `/api/v1/conversations/${chat.id}/messages/${sent.id}`, {
      token: them.token,
      body: { content: 'first, edited' },
    });
    expect(edited.status).toBe(200);
    expect((await inboxEntry(t.app, me, chat.id))!.lastMessage!.content).toBe('first, edited');

    // A group I am added to appears; renamed, it shows its new title.
    const group = await createGroup(t.app, them, [third], 'Before');
    expect(await inboxEntry(t.app, me, group.id)).toBeUndefined();
    const added = await api(t.app, 'POST', `/api/v1/conversations/${group.id}/participants`, {
      token: them.token,
      body: { userId: me.id },
    });
    expect([200, 201]).toContain(added.status);
    expect((await inboxEntry(t.app, me, group.id))!.title).toBe('Before');
    const renamed = await api(t.app, 'PATCH', `/api/v1/conversations/${group.id}`, {
      token: them.token,
      body: { title: 'After' },
    });
    expect(renamed.status).toBe(200);
    expect((await inboxEntry(t.app, me, group.id))!.title).toBe('After');
    const removed = await api(t.app, 'DELETE', `/api/v1/conversations/${group.id}/participants/${me.id}`, {
      token: them.token,
    });
    expect(removed.status).toBe(200);
    expect(await inboxEntry(t.app, me, group.id)).toBeUndefined();
  });

  it('shows a mute as over once it has run out', async () => {
    const [me, them] = await createUsers(t.app, 2);
    const chat = await createDirect(t.app, me, them);
    const until = new Date(Date.now() + 700).toISOString();
    const muted = await api(t.app, 'PATCH', `/api/v1/conversations/${chat.id}/settings`, {
      token: me.token,
      body: { mutedUntil: until },
    });
    expect(muted.status).toBe(200);
    expect((await inboxEntry(t.app, me, chat.id))!.settings.mutedUntil).toBe(until);
    // Before the TTL, after the mute.
    await sleep(800);
    expect((await inboxEntry(t.app, me, chat.id))!.settings.mutedUntil).toBeNull();
  });

  it('keeps each page size and list apart', async () => {
    const [me, a, b] = await createUsers(t.app, 3);
    const first = await createDirect(t.app, me, a);
    const second = await createDirect(t.app, me, b);
    await sendMessage(t.app, a, first.id, 'older');
    await sendMessage(t.app, b, second.id, 'newer');
    expect((await inbox(t.app, me, '?limit=1')).items.map((item) => item.id)).toEqual([second.id]);
    expect((await inbox(t.app, me, '?limit=2')).items.map((item) => item.id)).toEqual([second.id, first.id]);
    expect((await inbox(t.app, me, '?limit=1')).items.map((item) => item.id)).toEqual([second.id]);
    const archived = await api(t.app, 'PATCH', `/api/v1/conversations/${first.id}/settings`, {
      token: me.token,
      body: { archived: true },
    });
    expect(archived.status).toBe(200);
    expect((await inbox(t.app, me, '?archived=true')).items.map((item) => item.id)).toEqual([first.id]);
    expect((await inbox(t.app, me, '?limit=2')).items.map((item) => item.id)).toEqual([second.id]);
    // Another user's list is their own.
    expect((await inbox(t.app, a)).items.map((item) => item.id)).toEqual([first.id]);
  });
});
