import { beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../src/realtime/bus.js';
import { useTestApp } from '../helpers/app.js';
import { createDirect, createGroup } from '../helpers/conversations.js';
import { createUser, createUsers, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';

const t = useTestApp();
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

beforeAll(async () => {
  [alice, bob, carol] = await createUsers(t.app, 3);
});

const create = (user: TestUser, body: unknown) =>
  api(t.app, 'POST', '/api/v1/conversations', { token: user.token, body });
const inboxIds = async (user: TestUser) =>
  (await api(t.app, 'GET', '/api/v1/conversations?limit=100', { token: user.token })).body.data.items.map(
    (item) => item.id,
  );

describe('creating a group', () => {
  it('creates the group, its owner and its members in one request', async () => {
    const group = await createGroup(t.app, alice, [bob, carol], 'Weekend');
    expect(group.details).toMatchObject({
      type: 'group',
      title: 'Weekend',
      myRole: 'owner',
      participantCount: 3,
      lastMessage: null,
      unreadCount: 0,
      otherUser: null,
    });
    const roles = Object.fromEntries(group.details.participants.map((p) => [p.userId, p.role]));
    expect(roles).toEqual({ [alice.id]: 'owner', [bob.id]: 'member', [carol.id]: 'member' });
    expect(await inboxIds(bob)).toContain(group.id);
  });

  it('accepts a group with no one else yet, and ignores the creator in participantIds', async () => {
    const response = await create(alice, { type: 'group', title: 'Just me', participantIds: [alice.id] });
    expect(response.status).toBe(201);
    expect(response.body.data.participantCount).toBe(1);
  });

  it('requires a title for a group', async () => {
    const response = await create(alice, { type: 'group', participantIds: [bob.id] });
    expect(response.status).toBe(422);
    expect(response.body.details).toEqual([{ field: 'title', message: 'is required for a group' }]);
    const blank = await create(alice, { type: 'group', title: '   ', participantIds: [bob.id] });
    expect(blank.status).toBe(422);
  });

  it('creates nothing when a guest does not exist, and names the bad id', async () => {
    const dave = await createUser(t.app);
    const ghost = '0190aaaa-0000-7000-8000-000000000000';
    const response = await create(dave, { type: 'group', title: 'Doomed', participantIds: [bob.id, ghost] });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.message).toContain(ghost);
    expect(await inboxIds(dave)).toEqual([]);
    const bobsInbox = await api(t.app, 'GET', '/api/v1/conversations?limit=100', { token: bob.token });
    expect(bobsInbox.body.data.items.map((item) => item.title)).not.toContain('Doomed');
  });

  it('refuses a deactivated guest', async () => {
    const gone = await createUser(t.app);
    const deactivated = await api(t.app, 'DELETE', '/api/v1/users/me', {
      token: gone.token,
      body: { password: gone.password },
    });
    expect(deactivated.status).toBe(200);
    const response = await create(alice, { type: 'group', title: 'No ghosts', participantIds: [gone.id] });
    expect(response.status).toBe(422);
    expect(response.body.message).toContain(gone.id);
    const direct = await create(alice, { type: 'direct', participantIds: [gone.id] });
    expect(direct.status).toBe(422);
  });

  it('rejects bad input with 422 and needs a token', async () => {
    expect((await create(alice, { type: 'channel', participantIds: [] })).status).toBe(422);
    expect((await create(alice, { type: 'group', title: 'x', participantIds: ['nope'] })).status).toBe(422);
    expect((await create(alice, { type: 'group', title: 'x'.repeat(101), participantIds: [] })).status).toBe(
      422,
    );
    const anonymous = await api(t.app, 'POST', '/api/v1/conversations', {
      body: { type: 'group', title: 'x', participantIds: [] },
    });
    expect(anonymous.status).toBe(401);
  });

  it('announces conversation.created to every member', async () => {
    const events: BusMessage[] = [];
    const stop = t.bus.subscribe((message) => events.push(message));
    const group = await createGroup(t.app, alice, [bob], 'Announced');
    stop();
    const created = events.find(
      (e) => e.kind === 'deliver' && e.event.type === 'conversation.created' && e.event.data.id === group.id,
    );
    expect(created).toBeDefined();
    if (created?.kind !== 'deliver') throw new Error('unreachable');
    expect(created.userIds.sort()).toEqual([alice.id, bob.id].sort());
    expect(created.event.data).toMatchObject({ title: 'Announced', participantCount: 2 });
  });
});

describe('creating a direct chat', () => {
  it('creates it with the other person as otherUser, both plain members', async () => {
    const [x, y] = await createUsers(t.app, 2);
    const response = await create(x, { type: 'direct', participantIds: [y.id] });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({
      type: 'direct',
      title: null,
      participantCount: 2,
      myRole: 'member',
    });
    expect(response.body.data.otherUser).toMatchObject({ id: y.id, firstName: y.firstName });
    expect(response.body.data.otherUser).not.toHaveProperty('email');
    const seenByY = await api(t.app, 'GET', `/api/v1/conversations/${response.body.data.id}`, {
      token: y.token,
    });
    expect(seenByY.body.data.otherUser!.id).toBe(x.id);
  });

  it('returns the existing chat with 200 whoever asks', async () => {
    const [x, y] = await createUsers(t.app, 2);
    const first = await createDirect(t.app, x, y);
    const again = await create(x, { type: 'direct', participantIds: [y.id] });
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(first.id);
    const reverse = await create(y, { type: 'direct', participantIds: [x.id] });
    expect(reverse.status).toBe(200);
    expect(reverse.body.data.id).toBe(first.id);
  });

  it('creates exactly one chat when both people start it at the same time', async () => {
    const [x, y] = await createUsers(t.app, 2);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? create(x, { type: 'direct', participantIds: [y.id] })
          : create(y, { type: 'direct', participantIds: [x.id] }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.body.data.id)).size).toBe(1);
    expect(await inboxIds(x)).toEqual([responses[0]!.body.data.id]);
  });

  it('needs exactly one other person', async () => {
    const self = await create(alice, { type: 'direct', participantIds: [alice.id] });
    expect(self.status).toBe(422);
    expect(self.body.details).toEqual([
      { field: 'participantIds', message: 'must name exactly one other user' },
    ]);
    expect((await create(alice, { type: 'direct', participantIds: [] })).status).toBe(422);
    expect((await create(alice, { type: 'direct', participantIds: [bob.id, carol.id] })).status).toBe(422);
    const ghost = await create(alice, {
      type: 'direct',
      participantIds: ['0190aaaa-0000-7000-8000-000000000001'],
    });
    expect(ghost.status).toBe(422);
  });

  it('brings back a chat I had deleted for myself when I start it again', async () => {
    const [x, y] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, x, y);
    const hidden = await api(t.app, 'DELETE', `/api/v1/conversations/${direct.id}`, { token: x.token });
    expect(hidden.body.data).toEqual({ deletedFor: 'me' });
    expect(await inboxIds(x)).toEqual([]);
    expect(await inboxIds(y)).toEqual([direct.id]);
    const otherDevice = await t.online(x);
    const again = await create(x, { type: 'direct', participantIds: [y.id] });
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(direct.id);
    expect(await inboxIds(x)).toEqual([direct.id]);
    // My other devices put it back in the list too.
    const back = await otherDevice.next('conversation.created', (c) => c.id === direct.id);
    expect(back.participants).toHaveLength(2);
    // Starting it again while it is shown tells nobody anything.
    expect((await create(x, { type: 'direct', participantIds: [y.id] })).status).toBe(200);
    await otherDevice.sync();
    expect(otherDevice.of('conversation.created')).toHaveLength(1);
  });
});
