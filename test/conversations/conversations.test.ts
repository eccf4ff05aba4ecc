import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { BusMessage } from '../../src/realtime/bus.js';
import { useTestApp } from '../helpers/app.js';
import { addToGroup, createDirect, createGroup, setRole } from '../helpers/conversations.js';
import { createUsers, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';

const t = useTestApp();

const url = <Rest extends string = ''>(conversationId: string, rest = '' as Rest) =>
  `/api/v1/conversations/${conversationId}${rest}` as const;
const get = <Url extends string>(user: TestUser, path: Url) => api(t.app, 'GET', path, { token: user.token });
const remove = (actor: TestUser, conversationId: string, target: TestUser) =>
  api(t.app, 'DELETE', url(conversationId, `/participants/${target.id}`), { token: actor.token });
const roleOf = async (viewer: TestUser, conversationId: string, user: TestUser) => {
  const response = await get(viewer, url(conversationId));
  return response.body.data.participants.find((p) => p.userId === user.id)?.role ?? null;
};

/** Owner O, admin A, members M1 and M2, outsider X. */
async function groupWithRoles() {
  const [owner, admin, m1, m2, outsider] = await createUsers(t.app, 5);
  const group = await createGroup(t.app, owner, [admin, m1, m2]);
  expect((await setRole(t.app, group.id, owner, admin, 'admin')).status).toBe(200);
  return { owner, admin, m1, m2, outsider, id: group.id };
}

function captureEvents() {
  const events: BusMessage[] = [];
  const stop = t.bus.subscribe((message) => events.push(message));
  return {
    stop,
    of(type: string) {
      return events.flatMap((e) => (e.kind === 'deliver' && e.event.type === type ? [e] : []));
    },
  };
}

describe('reading a conversation', () => {
  it('shows a member the details and the participants with role and joinedAt', async () => {
    const g = await groupWithRoles();
    const details = await get(g.m1, url(g.id));
    expect(details.status).toBe(200);
    expect(details.body.data).toMatchObject({ id: g.id, myRole: 'member', participantCount: 4 });
    const participants = await get(g.m1, url(g.id, '/participants'));
    expect(participants.status).toBe(200);
    expect(participants.body.data.nextCursor).toBeNull();
    const byId = Object.fromEntries(participants.body.data.items.map((p) => [p.userId, p]));
    expect(byId[g.owner.id]!.role).toBe('owner');
    expect(byId[g.admin.id]!.role).toBe('admin');
    expect(byId[g.m2.id]).toMatchObject({ role: 'member', user: { id: g.m2.id, firstName: g.m2.firstName } });
    expect(Date.parse(byId[g.m2.id]!.joinedAt)).not.toBeNaN();
    expect(byId[g.m2.id]!.user).not.toHaveProperty('email');
  });

  it('pages through participants without gaps or repeats', async () => {
    const [owner, ...others] = await createUsers(t.app, 6);
    const group = await createGroup(t.app, owner);
    for (const other of others) await addToGroup(t.app, group.id, owner, other);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${cursor}` : '';
      const page = await get(owner, url(group.id, `/participants?limit=2${after}`));
      expect(page.status).toBe(200);
      seen.push(...page.body.data.items.map((p) => p.userId));
      cursor = page.body.data.nextCursor;
    } while (cursor);
    expect(seen).toEqual([owner.id, ...others.map((o) => o.id)]);
  });

  it('answers 404 to a non-member on every route, exactly as for a conversation that does not exist', async () => {
    const g = await groupWithRoles();
    const direct = await createDirect(t.app, g.owner, g.m1);
    const missing = '0190aaaa-0000-7000-8000-00000000abcd';
    for (const id of [g.id, direct.id, missing]) {
      const calls = [
        api(t.app, 'GET', url(id), { token: g.outsider.token }),
        api(t.app, 'PATCH', url(id), { token: g.outsider.token, body: { title: 'Mine now' } }),
        api(t.app, 'DELETE', url(id), { token: g.outsider.token }),
        api(t.app, 'GET', url(id, '/participants'), { token: g.outsider.token }),
        api(t.app, 'POST', url(id, '/participants'), {
          token: g.outsider.token,
          body: { userId: g.outsider.id },
        }),
        api(t.app, 'PATCH', url(id, `/participants/${g.m1.id}`), {
          token: g.outsider.token,
          body: { role: 'admin' },
        }),
        api(t.app, 'DELETE', url(id, `/participants/${g.m1.id}`), { token: g.outsider.token }),
        api(t.app, 'DELETE', url(id, `/participants/${g.outsider.id}`), { token: g.outsider.token }),
      ];
      for (const response of await Promise.all(calls)) {
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: 'Conversation not found' });
      }
    }
    // Nothing changed behind the 404s.
    const after = await get(g.owner, url(g.id));
    expect(after.body.data.participantCount).toBe(4);
  });
});

describe('changing group details', () => {
  it('lets the owner and admins rename, not members', async () => {
    const g = await groupWithRoles();
    const byMember = await api(t.app, 'PATCH', url(g.id), { token: g.m1.token, body: { title: 'Hijacked' } });
    expect(byMember.status).toBe(403);
    expect(byMember.body.code).toBe('FORBIDDEN');
    const byAdmin = await api(t.app, 'PATCH', url(g.id), {
      token: g.admin.token,
      body: { title: '  Renamed  ', description: 'About us' },
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.data).toMatchObject({ title: 'Renamed', description: 'About us' });
    const byOwner = await api(t.app, 'PATCH', url(g.id), {
      token: g.owner.token,
      body: { description: null },
    });
    expect(byOwner.body.data).toMatchObject({ title: 'Renamed', description: null });
    expect((await get(g.m2, url(g.id))).body.data.title).toBe('Renamed');
  });

  it('rejects an empty change and a too long title', async () => {
    const g = await groupWithRoles();
    expect((await api(t.app, 'PATCH', url(g.id), { token: g.owner.token, body: {} })).status).toBe(422);
    const long = await api(t.app, 'PATCH', url(g.id), {
      token: g.owner.token,
      body: { title: 'x'.repeat(101) },
    });
    expect(long.status).toBe(422);
  });

  it('refuses to rename a direct chat', async () => {
    const [x, y] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, x, y);
    const response = await api(t.app, 'PATCH', url(direct.id), { token: x.token, body: { title: 'Us' } });
    expect(response.status).toBe(403);
  });

  it('announces conversation.updated to the members', async () => {
    const g = await groupWithRoles();
    const events = captureEvents();
    await api(t.app, 'PATCH', url(g.id), { token: g.owner.token, body: { title: 'Fresh' } });
    events.stop();
    const [updated] = events.of('conversation.updated');
    expect(updated!.userIds.sort()).toEqual([g.owner.id, g.admin.id, g.m1.id, g.m2.id].sort());
    expect(updated!.event.data).toMatchObject({ id: g.id, title: 'Fresh' });
  });
});

describe('adding members', () => {
  it('lets admins add, not members; adding twice changes nothing', async () => {
    const g = await groupWithRoles();
    const [newcomer] = await createUsers(t.app, 1);
    const byMember = await api(t.app, 'POST', url(g.id, '/participants'), {
      token: g.m1.token,
      body: { userId: newcomer.id },
    });
    expect(byMember.status).toBe(403);
    const events = captureEvents();
    const byAdmin = await api(t.app, 'POST', url(g.id, '/participants'), {
      token: g.admin.token,
      body: { userId: newcomer.id },
    });
    events.stop();
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.data).toMatchObject({ userId: newcomer.id, role: 'member' });
    const [added] = events.of('participant.added');
    expect(added!.event.data).toEqual({
      conversationId: g.id,
      userId: newcomer.id,
      role: 'member',
      addedBy: g.admin.id,
    });
    expect(added!.userIds.sort()).toEqual([g.owner.id, g.admin.id, g.m1.id, g.m2.id, newcomer.id].sort());

    const again = await api(t.app, 'POST', url(g.id, '/participants'), {
      token: g.owner.token,
      body: { userId: newcomer.id },
    });
    expect(again.status).toBe(200);
    expect((await get(newcomer, url(g.id))).body.data.participantCount).toBe(5);
  });

  it('adds a member once when two admins add them at the same time', async () => {
    const g = await groupWithRoles();
    const [newcomer] = await createUsers(t.app, 1);
    const add = (actor: TestUser) =>
      api(t.app, 'POST', url(g.id, '/participants'), { token: actor.token, body: { userId: newcomer.id } });
    const responses = await Promise.all([add(g.owner), add(g.admin), add(g.owner)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const participants = await get(newcomer, url(g.id, '/participants'));
    expect(participants.body.data.items.filter((p) => p.userId === newcomer.id)).toHaveLength(1);
  });

  it('answers 404 for an unknown user', async () => {
    const g = await groupWithRoles();
    const response = await api(t.app, 'POST', url(g.id, '/participants'), {
      token: g.owner.token,
      body: { userId: '0190aaaa-0000-7000-8000-00000000beef' },
    });
    expect(response.status).toBe(404);
    expect(response.body.message).toBe('User not found');
  });

  it('has no members to manage in a direct chat', async () => {
    const [x, y, z] = await createUsers(t.app, 3);
    const direct = await createDirect(t.app, x, y);
    const add = await api(t.app, 'POST', url(direct.id, '/participants'), {
      token: x.token,
      body: { userId: z.id },
    });
    expect(add.status).toBe(403);
    expect((await remove(x, direct.id, y)).status).toBe(403);
    expect((await remove(x, direct.id, x)).status).toBe(403);
    expect((await setRole(t.app, direct.id, x, y, 'admin')).status).toBe(403);
  });
});

describe('roles', () => {
  it('lets admins promote members but only the owner demote another admin', async () => {
    const g = await groupWithRoles();
    expect((await setRole(t.app, g.id, g.m1, g.m2, 'admin')).status).toBe(403);
    const promoted = await setRole(t.app, g.id, g.admin, g.m1, 'admin');
    expect(promoted.status).toBe(200);
    expect(promoted.body.data).toEqual({ userId: g.m1.id, role: 'admin', changed: true });
    expect(await roleOf(g.m2, g.id, g.m1)).toBe('admin');

    const demoteByAdmin = await setRole(t.app, g.id, g.admin, g.m1, 'member');
    expect(demoteByAdmin.status).toBe(403);
    expect(await roleOf(g.m2, g.id, g.m1)).toBe('admin');

    expect((await setRole(t.app, g.id, g.owner, g.m1, 'member')).status).toBe(200);
    expect(await roleOf(g.m2, g.id, g.m1)).toBe('member');
  });

  it("lets an admin step down, and nobody change the owner's role", async () => {
    const g = await groupWithRoles();
    expect((await setRole(t.app, g.id, g.admin, g.owner, 'member')).status).toBe(403);
    expect((await setRole(t.app, g.id, g.owner, g.owner, 'admin')).status).toBe(403);
    expect((await setRole(t.app, g.id, g.admin, g.admin, 'member')).status).toBe(200);
    expect(await roleOf(g.owner, g.id, g.admin)).toBe('member');
  });

  it('announces participant.updated to the members when a role changes, and only then', async () => {
    const g = await groupWithRoles();
    const events = captureEvents();
    await setRole(t.app, g.id, g.admin, g.m1, 'admin');
    await setRole(t.app, g.id, g.admin, g.m1, 'admin');
    events.stop();
    const [updated, ...more] = events.of('participant.updated');
    expect(more).toEqual([]);
    expect(updated!.kind === 'deliver' && updated!.event.data).toEqual({
      conversationId: g.id,
      userId: g.m1.id,
      role: 'admin',
      updatedBy: g.admin.id,
    });
    expect(new Set(updated!.kind === 'deliver' ? updated!.userIds : [])).toEqual(
      new Set([g.owner.id, g.admin.id, g.m1.id, g.m2.id]),
    );
  });

  it('announces the new owner with participant.updated when the owner leaves', async () => {
    const g = await groupWithRoles();
    const events = captureEvents();
    await remove(g.owner, g.id, g.owner);
    events.stop();
    const [updated] = events.of('participant.updated');
    expect(updated!.kind === 'deliver' && updated!.event.data).toEqual({
      conversationId: g.id,
      userId: g.admin.id,
      role: 'owner',
      updatedBy: g.owner.id,
    });
    expect(new Set(updated!.kind === 'deliver' ? updated!.userIds : [])).toEqual(
      new Set([g.admin.id, g.m1.id, g.m2.id]),
    );
  });

  it('answers 404 for someone who is not in the group and 422 for an unknown role', async () => {
    const g = await groupWithRoles();
    expect((await setRole(t.app, g.id, g.owner, g.outsider, 'admin')).status).toBe(404);
    expect((await setRole(t.app, g.id, g.owner, g.m1, 'owner')).status).toBe(422);
  });
});

describe('removing and leaving', () => {
  it('lets an admin remove a member, who then gets 404 everywhere', async () => {
    const g = await groupWithRoles();
    expect((await remove(g.m1, g.id, g.m2)).status).toBe(403);
    const events = captureEvents();
    const removed = await remove(g.admin, g.id, g.m2);
    events.stop();
    expect(removed.status).toBe(200);
    expect(removed.body.data).toEqual({
      userId: g.m2.id,
      left: false,
      newOwnerId: null,
      conversationDeleted: false,
    });
    const [event] = events.of('participant.removed');
    expect(event!.event.data).toEqual({ conversationId: g.id, userId: g.m2.id, removedBy: g.admin.id });
    expect(event!.userIds.sort()).toEqual([g.owner.id, g.admin.id, g.m1.id, g.m2.id].sort());

    expect((await get(g.m2, url(g.id))).status).toBe(404);
    expect((await get(g.m2, url(g.id, '/participants'))).status).toBe(404);
    const inbox = await get(g.m2, '/api/v1/conversations');
    expect(inbox.body.data.items.map((i) => i.id)).not.toContain(g.id);
    expect((await remove(g.m2, g.id, g.m2)).status).toBe(404);
  });

  it('keeps admins safe from other admins and the owner safe from everyone', async () => {
    const g = await groupWithRoles();
    await setRole(t.app, g.id, g.owner, g.m1, 'admin');
    expect((await remove(g.admin, g.id, g.m1)).status).toBe(403);
    expect((await remove(g.admin, g.id, g.owner)).status).toBe(403);
    expect((await remove(g.owner, g.id, g.m1)).status).toBe(200);
    expect((await remove(g.owner, g.id, g.outsider)).status).toBe(404);
  });

  it('lets a member leave', async () => {
    const g = await groupWithRoles();
    const left = await remove(g.m1, g.id, g.m1);
    expect(left.status).toBe(200);
    expect(left.body.data.left).toBe(true);
    expect((await get(g.m1, url(g.id))).status).toBe(404);
    expect((await get(g.owner, url(g.id))).body.data.participantCount).toBe(3);
  });

  it('hands ownership to the longest-standing admin when the owner leaves', async () => {
    const [owner, early, lateAdmin, earlyAdmin] = await createUsers(t.app, 4);
    const group = await createGroup(t.app, owner, [early]);
    await addToGroup(t.app, group.id, owner, earlyAdmin);
    await addToGroup(t.app, group.id, owner, lateAdmin);
    await setRole(t.app, group.id, owner, lateAdmin, 'admin');
    await setRole(t.app, group.id, owner, earlyAdmin, 'admin');
    const left = await remove(owner, group.id, owner);
    expect(left.body.data).toMatchObject({
      left: true,
      newOwnerId: earlyAdmin.id,
      conversationDeleted: false,
    });
    expect(await roleOf(early, group.id, earlyAdmin)).toBe('owner');
    // The new owner has the owner's powers.
    expect((await remove(earlyAdmin, group.id, lateAdmin)).status).toBe(200);
  });

  it('hands ownership to the longest-standing member when there is no admin', async () => {
    const [owner, first, second] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, owner, [first]);
    await addToGroup(t.app, group.id, owner, second);
    const left = await remove(owner, group.id, owner);
    expect(left.body.data.newOwnerId).toBe(first.id);
    expect(await roleOf(second, group.id, first)).toBe('owner');
    expect((await get(second, url(group.id))).body.data.participants).toHaveLength(2);
  });

  it('deletes the group when its last member leaves', async () => {
    const [owner, member] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, owner, [member]);
    await remove(member, group.id, member);
    const last = await remove(owner, group.id, owner);
    expect(last.body.data).toMatchObject({ left: true, newOwnerId: null, conversationDeleted: true });
    const { rows } = await t.database.db.execute<{ deleted: boolean }>(
      sql`select deleted_at is not null as deleted from conversations where id = ${group.id}`,
    );
    expect(rows[0]!.deleted).toBe(true);
    // Nobody can be added back into a deleted group.
    expect(
      (
        await api(t.app, 'POST', url(group.id, '/participants'), {
          token: owner.token,
          body: { userId: member.id },
        })
      ).status,
    ).toBe(404);
  });

  it('lets a removed member be added back', async () => {
    const g = await groupWithRoles();
    await remove(g.owner, g.id, g.m1);
    await addToGroup(t.app, g.id, g.owner, g.m1);
    const details = await get(g.m1, url(g.id));
    expect(details.status).toBe(200);
    expect(details.body.data.myRole).toBe('member');
  });
});

describe('deleting a conversation', () => {
  it('lets only the owner delete a group, for everyone', async () => {
    const g = await groupWithRoles();
    expect((await api(t.app, 'DELETE', url(g.id), { token: g.admin.token })).status).toBe(403);
    expect((await api(t.app, 'DELETE', url(g.id), { token: g.m1.token })).status).toBe(403);
    const events = captureEvents();
    const deleted = await api(t.app, 'DELETE', url(g.id), { token: g.owner.token });
    events.stop();
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toEqual({ deletedFor: 'everyone' });
    const [event] = events.of('conversation.deleted');
    expect(event!.userIds.sort()).toEqual([g.owner.id, g.admin.id, g.m1.id, g.m2.id].sort());
    for (const user of [g.owner, g.admin, g.m1]) {
      expect((await get(user, url(g.id))).status).toBe(404);
      const inbox = await get(user, '/api/v1/conversations');
      expect(inbox.body.data.items.map((i) => i.id)).not.toContain(g.id);
    }
  });

  it('hides a direct chat for me only, until a new message arrives', async () => {
    const [x, y] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, x, y);
    const events = captureEvents();
    const hidden = await api(t.app, 'DELETE', url(direct.id), { token: x.token });
    events.stop();
    expect(hidden.status).toBe(200);
    expect(events.of('conversation.deleted').map((e) => e.userIds)).toEqual([[x.id]]);
    const inboxOf = async (user: TestUser) =>
      (await get(user, '/api/v1/conversations')).body.data.items.map((i) => i.id);
    expect(await inboxOf(x)).toEqual([]);
    expect(await inboxOf(y)).toEqual([direct.id]);
    // Still reachable directly: it is only out of my list.
    expect((await get(x, url(direct.id))).status).toBe(200);
    const sent = await api(t.app, 'POST', url(direct.id, '/messages'), {
      token: y.token,
      body: { content: 'hey' },
    });
    expect(sent.status).toBe(201);
    const back = await get(x, '/api/v1/conversations');
    expect(back.body.data.items.map((i) => i.id)).toEqual([direct.id]);
    expect(back.body.data.items[0]).toMatchObject({ unreadCount: 1, lastMessage: { content: 'hey' } });
  });
});
