import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Changes, ReadState } from '../../sdk/src/types.js';
import { encodeCursor } from '../../src/core/pagination.js';
import { useTestApp } from '../helpers/app.js';
import { addToGroup, createGroup, removeFromGroup } from '../helpers/conversations.js';
import { createUser, createUsers, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { listAll, type Message, messagesUrl, recordEvents, sendMessage } from '../helpers/messages.js';

const t = useTestApp();

describe('history visibility: C sees only what was sent while C was a member', () => {
  let a: TestUser;
  let b: TestUser;
  let c: TestUser;
  let groupId: string;
  const m = {} as Record<'m1' | 'm2' | 'm3' | 'm4' | 'm5', Message>;
  let cStartCursor: string;
  let events: ReturnType<typeof recordEvents>;
  let outsideStatus: number;

  beforeAll(async () => {
    [a, b, c] = await createUsers(t.app, 3);
    groupId = (await createGroup(t.app, a, [b])).id;
    events = recordEvents(t.bus);
    m.m1 = await sendMessage(t.app, a, groupId, 'm1 before C');
    m.m2 = await sendMessage(t.app, b, groupId, 'm2 before C');
    await addToGroup(t.app, groupId, a, c);
    cStartCursor = (await api(t.app, 'GET', `/api/v1/conversations/${groupId}/changes`, { token: c.token }))
      .body.data.syncCursor;
    m.m3 = await sendMessage(t.app, a, groupId, 'm3 while C is in');
    await removeFromGroup(t.app, groupId, a, c);
    m.m4 = await sendMessage(t.app, b, groupId, 'm4 while C is out');
    outsideStatus = (await api(t.app, 'GET', messagesUrl(groupId), { token: c.token })).status;
    await addToGroup(t.app, groupId, a, c);
    m.m5 = await sendMessage(t.app, a, groupId, 'm5 after C is back');
  });
  afterAll(() => events.stop());

  it('lists exactly m3 and m5', async () => {
    expect((await listAll(t.app, c, groupId)).map((x) => x.content)).toEqual([
      'm5 after C is back',
      'm3 while C is in',
    ]);
    expect(await listAll(t.app, a, groupId)).toHaveLength(5);
  });

  it('pages across the stretch C was out, one message per page, both ways', async () => {
    expect((await listAll(t.app, c, groupId, 1)).map((x) => x.seq)).toEqual([m.m5.seq, m.m3.seq]);
    const first = await api(
      t.app,
      'GET',
      `${messagesUrl(groupId)}?limit=1&before=${encodeCursor([m.m3.seq])}`,
      { token: c.token },
    );
    expect(first.body.data.items).toEqual([]);
    // Forwards from m3: the next page jumps over m4 to m5.
    const newest = await api(t.app, 'GET', `${messagesUrl(groupId)}?limit=1`, { token: c.token });
    const older = await api(
      t.app,
      'GET',
      `${messagesUrl(groupId)}?limit=1&before=${newest.body.data.nextCursor}`,
      {
        token: c.token,
      },
    );
    expect(older.body.data.items.map((x) => x.id)).toEqual([m.m3.id]);
    expect(older.body.data.nextCursor).toBeNull();
    const forwards = await api(
      t.app,
      'GET',
      `${messagesUrl(groupId)}?limit=1&after=${encodeCursor([m.m3.seq])}`,
      {
        token: c.token,
      },
    );
    expect(forwards.body.data.items.map((x) => x.id)).toEqual([m.m5.id]);
  });

  it('answers 404 to C while C is out of the group', () => {
    expect(outsideStatus).toBe(404);
  });

  it('answers 404 for the single messages C may not see', async () => {
    for (const key of ['m1', 'm2', 'm4'] as const) {
      const response = await api(t.app, 'GET', `${messagesUrl(groupId)}/${m[key].id}`, { token: c.token });
      expect(response.status, key).toBe(404);
    }
    for (const key of ['m3', 'm5'] as const) {
      const response = await api(t.app, 'GET', `${messagesUrl(groupId)}/${m[key].id}`, { token: c.token });
      expect(response.status, key).toBe(200);
    }
  });

  it('delivers message.created to C only for m3 and m5', () => {
    expect(events.of(c, 'message.created').map((x) => x.content)).toEqual([
      'm3 while C is in',
      'm5 after C is back',
    ]);
    expect(events.of(b, 'message.created')).toHaveLength(5);
  });

  it('hides reply previews of messages C may not see, everywhere', async () => {
    const replyEvents = recordEvents(t.bus);
    const toOld = await sendMessage(t.app, a, groupId, 'replying to m1', { replyToId: m.m1.id });
    const toShared = await sendMessage(t.app, a, groupId, 'replying to m3', { replyToId: m.m3.id });
    const asC = async (id: string) =>
      (await api(t.app, 'GET', `${messagesUrl(groupId)}/${id}`, { token: c.token })).body.data;
    expect((await asC(toOld.id)).replyTo).toBeNull();
    expect((await asC(toShared.id)).replyTo).toMatchObject({ id: m.m3.id, preview: 'm3 while C is in' });
    const asB = (await api(t.app, 'GET', `${messagesUrl(groupId)}/${toOld.id}`, { token: b.token })).body
      .data;
    expect(asB.replyTo).toMatchObject({ id: m.m1.id, preview: 'm1 before C' });
    const live = replyEvents.of(c, 'message.created');
    expect(live.map((x) => x.replyTo?.id ?? null)).toEqual([null, m.m3.id]);
    expect(replyEvents.of(b, 'message.created')[0]!.replyTo!.preview).toBe('m1 before C');
    replyEvents.stop();
    // C cannot reply to what C may not see.
    const refused = await api(t.app, 'POST', messagesUrl(groupId), {
      token: c.token,
      body: { content: 'what?', replyToId: m.m2.id },
    });
    expect(refused.status).toBe(422);
  });

  it('lets C forward only what C may see', async () => {
    const own = await createGroup(t.app, c, []);
    const forward = (id: string) =>
      api(t.app, 'POST', `${messagesUrl(groupId)}/${id}/forward`, {
        token: c.token,
        body: { conversationIds: [own.id] },
      });
    expect((await forward(m.m4.id)).status).toBe(404);
    expect((await forward(m.m1.id)).status).toBe(404);
    expect((await forward(m.m3.id)).status).toBe(201);
    expect((await listAll(t.app, c, own.id)).map((x) => x.content)).toEqual(['m3 while C is in']);
  });

  it('shows receipts only of visible messages, counted over the members who could see them', async () => {
    expect(
      (await api(t.app, 'GET', `${messagesUrl(groupId)}/${m.m4.id}/receipts`, { token: c.token })).status,
    ).toBe(404);
    // C's markers jumped past m4 on re-joining, but C never could see m4: not a receipt.
    const m4 = await api(t.app, 'GET', `${messagesUrl(groupId)}/${m.m4.id}/receipts`, { token: b.token });
    expect(m4.body.data.deliveredTo.map((r) => r.userId)).not.toContain(c.id);
    const m3 = await api(t.app, 'GET', `${messagesUrl(groupId)}/${m.m3.id}/receipts`, { token: c.token });
    expect(m3.status).toBe(200);
    expect(m3.body.data.deliveredTo.map((r) => r.userId).sort()).toEqual([b.id, c.id].sort());
  });

  it('counts as unread only visible messages', async () => {
    const read = await api(t.app, 'POST', `/api/v1/conversations/${groupId}/read`, {
      token: c.token,
      body: { messageId: m.m3.id },
    });
    // m5 and the two replies from A; not m4.
    expect(read.body.data.unreadCount).toBe(3);
    const hidden = await api(t.app, 'POST', `/api/v1/conversations/${groupId}/read`, {
      token: c.token,
      body: { messageId: m.m4.id },
    });
    expect(hidden.status).toBe(404);
  });

  it('syncs to C only the changes of messages C may see', async () => {
    await api(t.app, 'DELETE', `${messagesUrl(groupId)}/${m.m4.id}`, { token: b.token });
    const changes = await api(
      t.app,
      'GET',
      `/api/v1/conversations/${groupId}/changes?since=${cStartCursor}`,
      {
        token: c.token,
      },
    );
    expect(changes.status).toBe(200);
    const contents = changes.body.data.items.map((x) => x.content);
    expect(contents).toEqual(['m3 while C is in', 'm5 after C is back', 'replying to m1', 'replying to m3']);
  });
});

describe('reconnect sync', () => {
  it('brings a client that was offline to what an always-online client has', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const groupId = (await createGroup(t.app, a, [b])).id;
    const early = await sendMessage(t.app, a, groupId, 'before the outage');
    const changesUrl = `/api/v1/conversations/${groupId}/changes` as const;

    // B is up to date, stores its sync cursor, then goes offline.
    const local = new Map<string, Message | Changes['items'][number]>(
      (await listAll(t.app, b, groupId)).map((x) => [x.id, x]),
    );
    let stored: string = (await api(t.app, 'GET', changesUrl, { token: b.token })).body.data.syncCursor;
    const inbox = async () =>
      (await api(t.app, 'GET', '/api/v1/conversations', { token: b.token })).body.data.items.find(
        (x) => x.id === groupId,
      );
    expect((await inbox())!.syncCursor).toBe(stored);

    const sent = [];
    for (const text of ['one', 'two', 'three']) sent.push(await sendMessage(t.app, a, groupId, text));
    await api(t.app, 'DELETE', `${messagesUrl(groupId)}/${sent[1]!.id}`, { token: a.token });
    await api(t.app, 'DELETE', `${messagesUrl(groupId)}/${early.id}`, { token: a.token });
    await api(t.app, 'POST', `/api/v1/conversations/${groupId}/read`, {
      token: a.token,
      body: { messageId: sent[2]!.id },
    });

    // Reconnect: the inbox shows the conversation changed; page through /changes with small pages.
    expect((await inbox())!.syncCursor).not.toBe(stored);
    let since: string | null = stored;
    let readStates: ReadState[] = [];
    let requests = 0;
    while (since) {
      const from: string = since;
      const response = await api(t.app, 'GET', `${changesUrl}?since=${from}&limit=2`, {
        token: b.token,
      });
      expect(response.status).toBe(200);
      requests += 1;
      for (const item of response.body.data.items) local.set(item.id, item);
      readStates = response.body.data.readStates;
      stored = response.body.data.syncCursor;
      since = response.body.data.nextCursor;
    }
    expect(requests).toBe(2);

    const online = await listAll(t.app, b, groupId);
    const view = (x: Message | Changes['items'][number]) => ({
      id: x.id,
      content: x.content,
      deleted: x.deleted,
      seq: x.seq,
    });
    expect([...local.values()].sort((x, y) => y.seq - x.seq).map(view)).toEqual(online.map(view));
    expect(
      online
        .filter((x) => x.deleted)
        .map((x) => x.id)
        .sort(),
    ).toEqual([early.id, sent[1]!.id].sort());
    expect(readStates.find((s) => s.userId === a.id)).toMatchObject({ lastReadMessageId: sent[2]!.id });

    // In step with the inbox again; a sync from the new cursor brings nothing.
    expect((await inbox())!.syncCursor).toBe(stored);
    const again = await api(t.app, 'GET', `${changesUrl}?since=${stored}`, { token: b.token });
    expect(again.body.data.items).toEqual([]);
    expect(again.body.data.syncCursor).toBe(stored);
  });

  it("tells a user's other devices about a message they deleted for themselves", async () => {
    const [a, b] = await createUsers(t.app, 2);
    const groupId = (await createGroup(t.app, a, [b])).id;
    const kept = await sendMessage(t.app, a, groupId, 'kept');
    const hidden = await sendMessage(t.app, a, groupId, 'hidden on the phone');
    const changesUrl = `/api/v1/conversations/${groupId}/changes` as const;
    // B's laptop is in sync, then goes offline; B's phone deletes a message for B only.
    const laptopCursor: string = (await api(t.app, 'GET', changesUrl, { token: b.token })).body.data
      .syncCursor;
    const hide = await api(t.app, 'DELETE', `${messagesUrl(groupId)}/${hidden.id}?scope=me`, {
      token: b.token,
    });
    expect(hide.status).toBe(200);

    const inbox = await api(t.app, 'GET', '/api/v1/conversations', { token: b.token });
    expect(inbox.body.data.items.find((x) => x.id === groupId)!.syncCursor).not.toBe(laptopCursor);
    const sync = await api(t.app, 'GET', `${changesUrl}?since=${laptopCursor}`, { token: b.token });
    expect(sync.body.data.hiddenMessageIds).toEqual([hidden.id]);
    expect(sync.body.data.hiddenMessageIds).not.toContain(kept.id);

    // A hid nothing: A's sync reports no hides, and a hide is never told to anyone else.
    const forA = await api(t.app, 'GET', `${changesUrl}?since=${laptopCursor}`, { token: a.token });
    expect(forA.body.data.hiddenMessageIds).toEqual([]);
    const again = await api(t.app, 'GET', `${changesUrl}?since=${sync.body.data.syncCursor}`, {
      token: b.token,
    });
    expect(again.body.data.hiddenMessageIds).toEqual([]);
  });

  it('rejects a malformed cursor', async () => {
    const [a] = [await createUser(t.app)];
    const groupId = (await createGroup(t.app, a, [])).id;
    const response = await api(t.app, 'GET', `/api/v1/conversations/${groupId}/changes?since=nope`, {
      token: a.token,
    });
    expect(response.status).toBe(422);
  });
});
