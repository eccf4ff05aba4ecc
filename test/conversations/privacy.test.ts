// Privacy settings, each from both sides (a contact and a stranger, the one who set it and the others):
// last seen and presence, profile photo, read receipts in direct chats, who may add me to groups.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createDirect, createGroup } from '../helpers/conversations.js';
import { createUser, createUsers, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { listAll, messagesUrl, sendMessage } from '../helpers/messages.js';

const t = useTestApp();

const setPrivacy = (user: TestUser, body: Record<string, unknown>) =>
  api(t.app, 'PATCH', '/api/v1/users/me/privacy', { token: user.token, body });

async function profileAs(viewer: TestUser, subject: TestUser) {
  const response = await api(t.app, 'GET', `/api/v1/users/${subject.id}`, { token: viewer.token });
  expect(response.status).toBe(200);
  return response.body.data;
}

/** A photo and a last seen on record, so hiding them is visible. */
async function withPhotoAndLastSeen(user: TestUser) {
  await t.database.db.execute(
    sql`update users set profile_image = ${`profiles/${user.id}.webp`}, last_seen_at = now() where id = ${user.id}`,
  );
}

describe('privacy settings on my other devices', () => {
  it('arrive whole with each change; contacts are told nothing', async () => {
    const [me, contact] = await createUsers(t.app, 2);
    await createDirect(t.app, me, contact);
    const [phone, laptop, theirs] = [await t.online(me), await t.online(me), await t.online(contact)];
    expect((await setPrivacy(me, { lastSeen: 'nobody' })).status).toBe(200);
    expect((await setPrivacy(me, { readReceipts: false, groupAdd: 'contacts' })).status).toBe(200);
    expect((await setPrivacy(me, { lastSeen: 'sometimes' })).status).toBe(422);

    const expected = [
      { lastSeen: 'nobody', profilePhoto: 'everyone', readReceipts: true, groupAdd: 'everyone' },
      { lastSeen: 'nobody', profilePhoto: 'everyone', readReceipts: false, groupAdd: 'contacts' },
    ];
    for (const socket of [phone, laptop, theirs]) await socket.sync();
    expect(phone.of('privacy.updated')).toEqual(expected);
    expect(laptop.of('privacy.updated')).toEqual(expected);
    expect(theirs.of('privacy.updated')).toEqual([]);
  });
});

describe('privacy settings', () => {
  it('default to everyone, read receipts on, and change field by field', async () => {
    const me = await createUser(t.app);
    const initial = await api(t.app, 'GET', '/api/v1/users/me/privacy', { token: me.token });
    expect(initial.body.data).toEqual({
      lastSeen: 'everyone',
      profilePhoto: 'everyone',
      readReceipts: true,
      groupAdd: 'everyone',
    });
    const changed = await setPrivacy(me, { lastSeen: 'contacts', readReceipts: false });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toEqual({
      lastSeen: 'contacts',
      profilePhoto: 'everyone',
      readReceipts: false,
      groupAdd: 'everyone',
    });
  });

  it('refuse unknown values with 422 and write nothing', async () => {
    const me = await createUser(t.app);
    for (const body of [
      { lastSeen: 'friends' },
      { profilePhoto: 'everyone', groupAdd: 'nobody' },
      { readReceipts: 'sometimes' },
      {},
    ]) {
      const response = await setPrivacy(me, body);
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const after = await api(t.app, 'GET', '/api/v1/users/me/privacy', { token: me.token });
    expect(after.body.data.profilePhoto).toBe('everyone');
  });
});

describe('last seen and presence', () => {
  it('reach only people who share a conversation with me, narrowed by my setting', async () => {
    const [me, contact, groupmate, stranger] = await createUsers(t.app, 4);
    await withPhotoAndLastSeen(me);
    await createDirect(t.app, me, contact);
    await createGroup(t.app, groupmate, [me], 'Added me');
    expect((await profileAs(contact, me)).lastSeenAt).not.toBeNull();
    expect((await profileAs(groupmate, me)).lastSeenAt).not.toBeNull();
    expect((await profileAs(stranger, me)).lastSeenAt).toBeNull();
    expect((await profileAs(me, me)).lastSeenAt).not.toBeNull();

    await setPrivacy(me, { lastSeen: 'contacts' });
    expect((await profileAs(contact, me)).lastSeenAt).not.toBeNull();
    expect((await profileAs(groupmate, me)).lastSeenAt).toBeNull();
    await setPrivacy(me, { lastSeen: 'nobody' });
    expect((await profileAs(contact, me)).lastSeenAt).toBeNull();
    // My setting narrows what others see of me, not what I see of them.
    await withPhotoAndLastSeen(contact);
    expect((await profileAs(me, contact)).lastSeenAt).not.toBeNull();
  });

  it('sends presence to contacts only when lastSeen is contacts: a group that added me cannot watch it', async () => {
    const [me, contact, groupmate] = await createUsers(t.app, 3);
    await createDirect(t.app, me, contact);
    const group = await createGroup(t.app, groupmate, [me], 'Watchers');
    await setPrivacy(me, { lastSeen: 'contacts' });
    const contactSocket = await t.online(contact);
    const groupmateSocket = await t.online(groupmate);
    const mine = await t.online(me);
    await contactSocket.next('presence', (p) => p.userId === me.id && p.online);
    // My new socket is told who is online among the people whose presence I may see.
    await mine.next('presence', (p) => p.userId === groupmate.id && p.online);
    await groupmateSocket.sync();
    expect(groupmateSocket.of('presence').filter((p) => p.userId === me.id)).toEqual([]);
    // The inbox and the participant list show the same thing.
    const details = await api(t.app, 'GET', `/api/v1/conversations/${group.id}`, { token: groupmate.token });
    const meThere = details.body.data.participants.find((p) => p.userId === me.id);
    expect(meThere!.user.lastSeenAt).toBeNull();
  });
});

describe('profile photo', () => {
  it('shows to everyone, to contacts only, or to nobody, wherever my profile appears', async () => {
    const [me, contact, stranger] = await createUsers(t.app, 3);
    await withPhotoAndLastSeen(me);
    const direct = await createDirect(t.app, contact, me);
    expect((await profileAs(stranger, me)).profileImage).not.toBeNull();
    await setPrivacy(me, { profilePhoto: 'contacts' });
    expect((await profileAs(stranger, me)).profileImage).toBeNull();
    expect((await profileAs(contact, me)).profileImage).not.toBeNull();
    const search = await api(t.app, 'GET', `/api/v1/users?search=${encodeURIComponent(me.email)}`, {
      token: stranger.token,
    });
    expect(search.body.data.items[0]!.profileImage).toBeNull();
    await setPrivacy(me, { profilePhoto: 'nobody' });
    expect((await profileAs(contact, me)).profileImage).toBeNull();
    const list = await api(t.app, 'GET', '/api/v1/conversations', { token: contact.token });
    const entry = list.body.data.items.find((item) => item.id === direct.id);
    expect(entry!.otherUser!.profileImage).toBeNull();
    expect((await profileAs(me, me)).profileImage).not.toBeNull();
  });
});

describe('read receipts', () => {
  async function readAll(reader: TestUser, conversationId: string, messageId: string) {
    const response = await api(t.app, 'POST', `/api/v1/conversations/${conversationId}/read`, {
      token: reader.token,
      body: { messageId },
    });
    expect(response.status).toBe(200);
  }
  const statusOf = async (user: TestUser, conversationId: string, id: string) =>
    (await listAll(t.app, user, conversationId)).find((m) => m.id === id)!.status;

  it('off on either side hides "read" both ways in a direct chat; delivered still shows', async () => {
    const [quiet, other] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, quiet, other);
    await setPrivacy(quiet, { readReceipts: false });
    const otherSocket = await t.online(other);

    const toQuiet = await sendMessage(t.app, other, direct.id, 'did you read this?');
    await readAll(quiet, direct.id, toQuiet.id);
    expect(await statusOf(other, direct.id, toQuiet.id)).toBe('delivered');
    const receipts = await api(t.app, 'GET', `${messagesUrl(direct.id)}/${toQuiet.id}/receipts`, {
      token: other.token,
    });
    expect(receipts.body.data.readBy).toEqual([]);
    expect(receipts.body.data.deliveredTo.map((r) => r.userId)).toEqual([quiet.id]);
    const event = await otherSocket.next('receipt.updated', (d) => d.userId === quiet.id);
    expect(event.lastReadMessageId).toBeNull();
    expect(event.readAt).toBeNull();
    expect(event.lastDeliveredMessageId).toBe(toQuiet.id);

    const fromQuiet = await sendMessage(t.app, quiet, direct.id, 'and mine?');
    await readAll(other, direct.id, fromQuiet.id);
    expect(await statusOf(quiet, direct.id, fromQuiet.id)).toBe('delivered');
    const changes = await api(t.app, 'GET', `/api/v1/conversations/${direct.id}/changes`, {
      token: quiet.token,
    });
    const theirState = changes.body.data.readStates.find((s) => s.userId === other.id);
    expect(theirState!.lastReadMessageId).toBeNull();

    // Turned back on, both see reads again.
    await setPrivacy(quiet, { readReceipts: true });
    expect(await statusOf(quiet, direct.id, fromQuiet.id)).toBe('read');
    expect(await statusOf(other, direct.id, toQuiet.id)).toBe('read');
  });

  it('stay on in groups', async () => {
    const [quiet, other] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, other, [quiet], 'Receipts');
    await setPrivacy(quiet, { readReceipts: false });
    const message = await sendMessage(t.app, other, group.id, 'group read?');
    await readAll(quiet, group.id, message.id);
    expect(await statusOf(other, group.id, message.id)).toBe('read');
  });
});

describe('who may add me to a group', () => {
  it('with groupAdd contacts: only contacts; strangers get 403 and can send an invite link', async () => {
    const [me, contact, stranger] = await createUsers(t.app, 3);
    await createDirect(t.app, me, contact);
    await setPrivacy(me, { groupAdd: 'contacts' });

    const byStranger = await api(t.app, 'POST', '/api/v1/conversations', {
      token: stranger.token,
      body: { type: 'group', title: 'Spam', participantIds: [me.id] },
    });
    expect(byStranger.status).toBe(403);
    const strangersGroup = await createGroup(t.app, stranger, [], 'Spam later');
    const added = await api(t.app, 'POST', `/api/v1/conversations/${strangersGroup.id}/participants`, {
      token: stranger.token,
      body: { userId: me.id },
    });
    expect(added.status).toBe(403);

    const byContact = await createGroup(t.app, contact, [me], 'Friends');
    expect(byContact.details.participantCount).toBe(2);

    const invite = await api(t.app, 'POST', `/api/v1/conversations/${strangersGroup.id}/invites`, {
      token: stranger.token,
      body: {},
    });
    const joined = await api(t.app, 'POST', `/api/v1/invites/${invite.body.data.code}/join`, {
      token: me.token,
    });
    expect([200, 201]).toContain(joined.status);

    // With everyone, the stranger may add me.
    await setPrivacy(me, { groupAdd: 'everyone' });
    const open = await createGroup(t.app, stranger, [me], 'Open');
    expect(open.details.participantCount).toBe(2);
  });
});
