import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invites } from '../../src/db/schema.js';
import { useTestApp } from '../helpers/app.js';
import {
  addToGroup,
  createDirect,
  createGroup,
  createGroupWithRoles,
  removeFromGroup,
  setRole,
} from '../helpers/conversations.js';
import { createUser, createUsers, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { listAll, messagesUrl, recordEvents, sendMessage } from '../helpers/messages.js';

const t = useTestApp();

const DAY = 24 * 60 * 60 * 1000;
const invitesUrl = (conversationId: string) => `/api/v1/conversations/${conversationId}/invites` as const;

async function createInvite(user: TestUser, conversationId: string, body: Record<string, unknown> = {}) {
  const response = await api(t.app, 'POST', invitesUrl(conversationId), { token: user.token, body });
  if (response.status !== 201) throw new Error(`createInvite failed: ${JSON.stringify(response.body)}`);
  return response.body.data as { code: string; url: string; uses: number; maxUses: number | null };
}

const preview = (user: TestUser, code: string) =>
  api(t.app, 'GET', `/api/v1/invites/${code}`, { token: user.token });
const join = (user: TestUser, code: string) =>
  api(t.app, 'POST', `/api/v1/invites/${code}/join`, { token: user.token });
const listInvites = (user: TestUser, conversationId: string) =>
  api(t.app, 'GET', invitesUrl(conversationId), { token: user.token });

describe('creating invite links', () => {
  it('gives a group admin an unguessable link that expires after INVITE_MAX_TTL by default', async () => {
    const owner = await createUser(t.app);
    const group = await createGroup(t.app, owner);
    const before = Date.now();
    const response = await api(t.app, 'POST', invitesUrl(group.id), { token: owner.token, body: {} });
    expect(response.status).toBe(201);
    const invite = response.body.data;
    // 18 random bytes in base64url: 24 characters, 144 bits.
    expect(invite.code).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(invite).toMatchObject({
      url: `http://chat.test/join/${invite.code}`,
      conversationId: group.id,
      maxUses: null,
      uses: 0,
      createdBy: owner.id,
      revokedAt: null,
    });
    const expiresIn = Date.parse(invite.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(30 * DAY - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(30 * DAY + 60_000);

    const other = await createInvite(owner, group.id);
    expect(other.code).not.toBe(invite.code);
  });

  it('accepts an expiry and a use limit, and refuses a past expiry or one beyond the cap', async () => {
    const owner = await createUser(t.app);
    const group = await createGroup(t.app, owner);
    const expiresAt = new Date(Date.now() + 2 * DAY).toISOString();
    const invite = await createInvite(owner, group.id, { expiresAt, maxUses: 3 });
    expect(invite).toMatchObject({ expiresAt, maxUses: 3, uses: 0 });

    for (const body of [
      { expiresAt: new Date(Date.now() - 1000).toISOString() },
      { expiresAt: new Date(Date.now() + 31 * DAY).toISOString() },
      { maxUses: 0 },
      { maxUses: 100_001 },
      { expiresAt: 'tomorrow' },
    ]) {
      const response = await api(t.app, 'POST', invitesUrl(group.id), { token: owner.token, body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('lets admins manage links but not plain members (403) nor outsiders (404)', async () => {
    const { group, admin, member, outsider } = await createGroupWithRoles(t.app);
    const invite = await createInvite(admin, group.id);

    const byMember = await api(t.app, 'POST', invitesUrl(group.id), { token: member.token, body: {} });
    expect(byMember.status).toBe(403);
    expect(byMember.body.code).toBe('FORBIDDEN');
    expect((await listInvites(member, group.id)).status).toBe(403);
    const revokeByMember = await api(t.app, 'DELETE', `${invitesUrl(group.id)}/${invite.code}`, {
      token: member.token,
    });
    expect(revokeByMember.status).toBe(403);

    const byOutsider = await api(t.app, 'POST', invitesUrl(group.id), { token: outsider.token, body: {} });
    expect(byOutsider.status).toBe(404);
    expect(byOutsider.body.code).toBe('NOT_FOUND');
    expect((await listInvites(outsider, group.id)).status).toBe(404);
    const revokeByOutsider = await api(t.app, 'DELETE', `${invitesUrl(group.id)}/${invite.code}`, {
      token: outsider.token,
    });
    expect(revokeByOutsider.status).toBe(404);

    // The link still works after all those refused attempts.
    expect((await preview(outsider, invite.code)).status).toBe(200);
  });

  it('has no links for direct chats (403, like every group-management action)', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, a, b);
    const response = await api(t.app, 'POST', invitesUrl(direct.id), { token: a.token, body: {} });
    expect(response.status).toBe(403);
  });

  it('needs a logged-in user everywhere', async () => {
    const owner = await createUser(t.app);
    const group = await createGroup(t.app, owner);
    const invite = await createInvite(owner, group.id);
    expect((await api(t.app, 'POST', invitesUrl(group.id), { body: {} })).status).toBe(401);
    expect((await api(t.app, 'GET', `/api/v1/invites/${invite.code}`)).status).toBe(401);
    expect((await api(t.app, 'POST', `/api/v1/invites/${invite.code}/join`)).status).toBe(401);
  });
});

describe('joining with a link', () => {
  it('shows an outsider a preview, then adds them with history starting at the join', async () => {
    const [owner, member, outsider] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, owner, [member], 'Book club');
    await sendMessage(t.app, owner, group.id, 'before the join');
    const invite = await createInvite(owner, group.id);

    const seen = await preview(outsider, invite.code);
    expect(seen.status).toBe(200);
    expect(seen.body.data).toEqual({
      conversationId: group.id,
      title: 'Book club',
      description: null,
      image: null,
      memberCount: 2,
      isMember: false,
      expiresAt: expect.any(String),
    });
    // Previewing is not joining.
    expect(
      (await api(t.app, 'GET', `/api/v1/conversations/${group.id}`, { token: outsider.token })).status,
    ).toBe(404);

    const events = recordEvents(t.bus);
    const joined = await join(outsider, invite.code);
    events.stop();
    expect(joined.status).toBe(201);
    expect(joined.body.data.id).toBe(group.id);
    const roles = Object.fromEntries(joined.body.data.participants.map((p) => [p.userId, p.role]));
    expect(roles).toEqual({ [owner.id]: 'owner', [member.id]: 'member', [outsider.id]: 'member' });
    for (const user of [owner, member, outsider]) {
      expect(events.of(user, 'participant.added')).toEqual([
        { conversationId: group.id, userId: outsider.id, role: 'member', addedBy: outsider.id },
      ]);
    }

    await sendMessage(t.app, member, group.id, 'after the join');
    const visible = await listAll(t.app, outsider, group.id);
    expect(visible.map((m) => m.content)).toEqual(['after the join']);
    // The earlier message stays out of reach by id too.
    const ownerView = await listAll(t.app, owner, group.id);
    const early = ownerView.find((m) => m.content === 'before the join');
    const single = await api(t.app, 'GET', `${messagesUrl(group.id)}/${early!.id}`, {
      token: outsider.token,
    });
    expect(single.status).toBe(404);

    const afterJoin = await preview(outsider, invite.code);
    expect(afterJoin.body.data).toMatchObject({ memberCount: 3, isMember: true });
  });

  it('is harmless to join twice: 200 and no use spent', async () => {
    const [owner, joiner] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, owner);
    const invite = await createInvite(owner, group.id, { maxUses: 5 });
    expect((await join(joiner, invite.code)).status).toBe(201);
    const again = await join(joiner, invite.code);
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(group.id);
    // The owner opening the link spends nothing either.
    expect((await join(owner, invite.code)).status).toBe(200);
    const listed = await listInvites(owner, group.id);
    expect(listed.body.data.items.find((i) => i.code === invite.code)!.uses).toBe(1);
  });

  it('answers 410 once the link is used up, except to those already in', async () => {
    const owner = await createUser(t.app);
    const [first, second, third] = [
      await createUser(t.app),
      await createUser(t.app),
      await createUser(t.app),
    ];
    const group = await createGroup(t.app, owner);
    const invite = await createInvite(owner, group.id, { maxUses: 2 });
    expect((await join(first, invite.code)).status).toBe(201);
    expect((await join(second, invite.code)).status).toBe(201);

    const late = await join(third, invite.code);
    expect(late.status).toBe(410);
    expect(late.body).toMatchObject({ error: true, status: 410, code: 'GONE' });
    expect((await preview(third, invite.code)).status).toBe(410);
    expect(
      (await api(t.app, 'GET', `/api/v1/conversations/${group.id}`, { token: third.token })).status,
    ).toBe(404);
    // Used-up links drop out of the live list.
    expect((await listInvites(owner, group.id)).body.data.items).toEqual([]);
    // Someone already in is not turned away.
    expect((await join(first, invite.code)).status).toBe(200);
  });

  it('lets exactly one of several concurrent joins through a single-use link', async () => {
    const owner = await createUser(t.app);
    const group = await createGroup(t.app, owner);
    const invite = await createInvite(owner, group.id, { maxUses: 1 });
    const users = await Promise.all(Array.from({ length: 6 }, () => createUser(t.app)));

    const results = await Promise.all(users.map((user) => join(user, invite.code)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 410, 410, 410, 410, 410]);

    const [row] = await t.database.db.select().from(invites).where(eq(invites.code, invite.code));
    expect(row!.uses).toBe(1);
    const participants = await api(t.app, 'GET', `/api/v1/conversations/${group.id}/participants`, {
      token: owner.token,
    });
    expect(participants.body.data.items).toHaveLength(2);
  });

  it('answers 410 once the link has expired', async () => {
    const [owner, joiner] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, owner);
    const invite = await createInvite(owner, group.id);
    expect((await preview(joiner, invite.code)).status).toBe(200);

    // Let the expiry pass without waiting: move it into the past.
    await t.database.db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.code, invite.code));

    const seen = await preview(joiner, invite.code);
    expect(seen.status).toBe(410);
    expect(seen.body.message).toMatch(/expired/);
    expect((await join(joiner, invite.code)).status).toBe(410);
    expect((await listInvites(owner, group.id)).body.data.items).toEqual([]);
  });

  it('answers 410 once the link is revoked, and 404 for codes nobody issued', async () => {
    const [owner, joiner] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, owner);
    const otherGroup = await createGroup(t.app, owner);
    const invite = await createInvite(owner, group.id);
    const kept = await createInvite(owner, group.id);

    // A code is revoked only through its own group.
    const wrongGroup = await api(t.app, 'DELETE', `${invitesUrl(otherGroup.id)}/${invite.code}`, {
      token: owner.token,
    });
    expect(wrongGroup.status).toBe(404);

    const revoked = await api(t.app, 'DELETE', `${invitesUrl(group.id)}/${invite.code}`, {
      token: owner.token,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.revokedAt).toEqual(expect.any(String));
    const seen = await preview(joiner, invite.code);
    expect(seen.status).toBe(410);
    expect(seen.body.message).toMatch(/revoked/);
    expect((await join(joiner, invite.code)).status).toBe(410);
    const live = await listInvites(owner, group.id);
    expect(live.body.data.items.map((i) => i.code)).toEqual([kept.code]);

    const unknown = await api(t.app, 'DELETE', `${invitesUrl(group.id)}/nosuchcode`, { token: owner.token });
    expect(unknown.status).toBe(404);
    expect((await preview(joiner, 'nosuchcode')).status).toBe(404);
    expect((await join(joiner, 'nosuchcode')).status).toBe(404);
  });

  it('answers 410 once the group has been deleted', async () => {
    const [owner, joiner] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, owner);
    const invite = await createInvite(owner, group.id);
    const deleted = await api(t.app, 'DELETE', `/api/v1/conversations/${group.id}`, { token: owner.token });
    expect(deleted.status).toBe(200);
    expect((await preview(joiner, invite.code)).status).toBe(410);
    expect((await join(joiner, invite.code)).status).toBe(410);
  });

  it('lets a former member rejoin, seeing nothing from while they were away', async () => {
    const [owner, wanderer] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, owner);
    await addToGroup(t.app, group.id, owner, wanderer);
    await sendMessage(t.app, owner, group.id, 'while a member');
    await removeFromGroup(t.app, group.id, wanderer, wanderer);
    await sendMessage(t.app, owner, group.id, 'while away');
    const invite = await createInvite(owner, group.id);
    expect((await join(wanderer, invite.code)).status).toBe(201);
    await sendMessage(t.app, owner, group.id, 'after rejoining');
    const visible = await listAll(t.app, wanderer, group.id);
    expect(visible.map((m) => m.content)).toEqual(['after rejoining', 'while a member']);
  });

  it('keeps a removed member out of links made before the removal, and ends the links they made', async () => {
    const [owner, removed, friend] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, owner);
    await addToGroup(t.app, group.id, owner, removed);
    const makeAdmin = await api(
      t.app,
      'PATCH',
      `/api/v1/conversations/${group.id}/participants/${removed.id}`,
      {
        token: owner.token,
        body: { role: 'admin' },
      },
    );
    expect(makeAdmin.status).toBe(200);
    const ownLink = await createInvite(removed, group.id);
    const olderLink = await createInvite(owner, group.id);
    // Demoted first, then removed: what they did as an admin does not outlive the removal.
    await setRole(t.app, group.id, owner, removed, 'member');
    await removeFromGroup(t.app, group.id, owner, removed);

    expect((await join(removed, olderLink.code)).status).toBe(403);
    expect((await join(removed, ownLink.code)).status).toBe(410);
    // Their link is gone for everybody, and from the group's list.
    expect((await join(friend, ownLink.code)).status).toBe(410);
    const live = await listInvites(owner, group.id);
    expect(live.body.data.items.map((i: { code: string }) => i.code)).toEqual([olderLink.code]);
    expect(
      (await api(t.app, 'GET', `/api/v1/conversations/${group.id}`, { token: removed.token })).status,
    ).toBe(404);
    // The older link still works for people who were never removed.
    expect((await join(friend, olderLink.code)).status).toBe(201);

    const newerLink = await createInvite(owner, group.id);
    expect((await join(removed, newerLink.code)).status).toBe(201);
    expect(
      (await api(t.app, 'GET', `/api/v1/conversations/${group.id}`, { token: removed.token })).status,
    ).toBe(200);
  });

  it('lets an admin add a removed member back directly', async () => {
    const [owner, removed] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, owner, [removed]);
    const olderLink = await createInvite(owner, group.id);
    await removeFromGroup(t.app, group.id, owner, removed);
    expect((await join(removed, olderLink.code)).status).toBe(403);
    await addToGroup(t.app, group.id, owner, removed);
    // Back in: the old link is just a link to a group they are in.
    expect((await join(removed, olderLink.code)).status).toBe(200);
  });

  it('pages through many live links', async () => {
    const owner = await createUser(t.app);
    const group = await createGroup(t.app, owner);
    const codes = [];
    for (let i = 0; i < 3; i += 1) codes.push((await createInvite(owner, group.id)).code);
    const first = await api(t.app, 'GET', `${invitesUrl(group.id)}?limit=2`, { token: owner.token });
    expect(first.body.data.items.map((i) => i.code)).toEqual([codes[2], codes[1]]);
    const second = await api(
      t.app,
      'GET',
      `${invitesUrl(group.id)}?limit=2&cursor=${first.body.data.nextCursor}`,
      { token: owner.token },
    );
    expect(second.body.data.items.map((i) => i.code)).toEqual([codes[0]]);
    expect(second.body.data.nextCursor).toBeNull();
  });
});
