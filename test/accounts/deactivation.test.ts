// Deactivating an account: it leaves its groups the way a member leaves (an owner hands the group on),
// its sockets close, and a deactivated account never inherits a group.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { addToGroup, createGroup, makeAdmin } from '../helpers/conversations.js';
import { createUsers } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { connectAs } from '../helpers/ws.js';

const t = useTestApp();

const participantsOf = async (conversationId: string, viewer: { token: string }) => {
  const response = await api(t.app, 'GET', `/api/v1/conversations/${conversationId}/participants`, {
    token: viewer.token,
  });
  expect(response.status).toBe(200);
  return (response.body.data.items as { userId: string; role: string }[]).map(({ userId, role }) => ({
    userId,
    role,
  }));
};

describe('deactivating an account', () => {
  it('leaves its groups, hands ownership on and closes its sockets', async () => {
    const [owner, admin, member] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, owner, [admin, member]);
    await makeAdmin(t.app, group.id, owner, admin);
    const solo = await createGroup(t.app, owner, []);
    const ownerSocket = await connectAs(t.base, owner);
    const memberSocket = await connectAs(t.base, member);

    const deleted = await api(t.app, 'DELETE', '/api/v1/users/me', {
      token: owner.token,
      body: { password: owner.password },
    });
    expect(deleted.status).toBe(200);

    expect((await ownerSocket.closed).code).toBe(4401);
    expect(await participantsOf(group.id, member)).toEqual(
      expect.arrayContaining([
        { userId: admin.id, role: 'owner' },
        { userId: member.id, role: 'member' },
      ]),
    );
    expect((await participantsOf(group.id, member)).map((p) => p.userId)).not.toContain(owner.id);
    await memberSocket.next('participant.removed', (data) => data.userId === owner.id);
    // A group the account was alone in ends with it.
    const gone = await api(t.app, 'GET', `/api/v1/conversations/${solo.id}`, { token: admin.token });
    expect(gone.status).toBe(404);
    await memberSocket.close();
  });

  it('never hands a group to a deactivated account, even one still listed as a member', async () => {
    const [owner, longest, next] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, owner, [longest]);
    await addToGroup(t.app, group.id, owner, next);
    // An account deactivated before deactivation made it leave its groups: still a member on paper.
    await t.database.db.execute(sql`update users set deactivated_at = now() where id = ${longest.id}`);

    const left = await api(t.app, 'DELETE', `/api/v1/conversations/${group.id}/participants/${owner.id}`, {
      token: owner.token,
    });
    expect(left.status).toBe(200);
    expect(left.body.data.newOwnerId).toBe(next.id);
    expect(await participantsOf(group.id, next)).toContainEqual({ userId: next.id, role: 'owner' });
  });
});
