// Per-chat settings: pin (at most five, pinned first), archive (out of the default list), mute; each
// member's own, through the HTTP API on the real database.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createDirect, createGroup, inbox, removeFromGroup } from '../helpers/conversations.js';
import { createUser, createUsers, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { sendMessage } from '../helpers/messages.js';

const t = useTestApp();

const settingsUrl = (conversationId: string) => `/api/v1/conversations/${conversationId}/settings` as const;

function change(user: TestUser, conversationId: string, body: Record<string, unknown>) {
  return api(t.app, 'PATCH', settingsUrl(conversationId), { token: user.token, body });
}

/** Every page of a list, following nextCursor. */
async function walk(user: TestUser, query: `?${string}`) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const after: string = cursor ? `&cursor=${cursor}` : '';
    const page = await inbox(t.app, user, `${query}${after}`);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('chat settings', () => {
  it('start unpinned, unarchived and unmuted, in the list and in the details', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, a, b);
    const defaults = { pinned: false, archived: false, mutedUntil: null };
    expect(direct.details.settings).toEqual(defaults);
    expect((await inbox(t.app, a)).items[0]!.settings).toEqual(defaults);
  });

  it('are mine only: the other member keeps theirs', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, a, [b]);
    const changed = await change(a, group.id, { pinned: true, mutedUntil: 'forever' });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toEqual({ pinned: true, archived: false, mutedUntil: 'forever' });
    const details = await api(t.app, 'GET', `/api/v1/conversations/${group.id}`, { token: a.token });
    expect(details.body.data.settings).toEqual({ pinned: true, archived: false, mutedUntil: 'forever' });
    const theirs = (await inbox(t.app, b)).items.find((item) => item.id === group.id);
    expect(theirs!.settings).toEqual({ pinned: false, archived: false, mutedUntil: null });
  });

  it('mute until a time in the future, forever, or unmute; a past time is 422 and changes nothing', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, a, b);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect((await change(a, direct.id, { mutedUntil: until })).body.data.mutedUntil).toBe(until);
    const past = await change(a, direct.id, { mutedUntil: '2020-01-01T00:00:00.000Z', pinned: true });
    expect(past.status).toBe(422);
    expect(past.body.code).toBe('VALIDATION_FAILED');
    expect((await inbox(t.app, a)).items.find((item) => item.id === direct.id)!.settings).toEqual({
      pinned: false,
      archived: false,
      mutedUntil: until,
    });
    expect((await change(a, direct.id, { mutedUntil: 'soon' })).status).toBe(422);
    expect((await change(a, direct.id, { mutedUntil: null })).body.data.mutedUntil).toBeNull();
    expect((await change(a, direct.id, {})).status).toBe(422);
  });

  it('are 404 for someone who is not a member, or no longer one', async () => {
    const [a, b, outsider] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, a, [b]);
    expect((await change(outsider, group.id, { pinned: true })).status).toBe(404);
    await removeFromGroup(t.app, group.id, a, b);
    expect((await change(b, group.id, { archived: true })).status).toBe(404);
  });
});

describe('pinning', () => {
  it('puts pinned chats first, the latest pinned first, and pages through all of them once', async () => {
    const me = await createUser(t.app);
    const others = await Promise.all(Array.from({ length: 7 }, () => createUser(t.app)));
    const chats: { id: string }[] = [];
    for (const other of others) chats.push(await createDirect(t.app, me, other));
    // Activity order, newest first: chats[6] .. chats[0]. Pin two of the oldest.
    expect((await change(me, chats[1]!.id, { pinned: true })).status).toBe(200);
    expect((await change(me, chats[0]!.id, { pinned: true })).status).toBe(200);
    const expected = [chats[0], chats[1], chats[6], chats[5], chats[4], chats[3], chats[2]].map((c) => c!.id);
    expect(await walk(me, '?limit=2')).toEqual(expected);
    expect((await inbox(t.app, me)).items.map((item) => item.id)).toEqual(expected);
    // A new message moves an unpinned chat up among the unpinned ones only.
    await sendMessage(t.app, others[2]!, chats[2]!.id, 'hello');
    expect(await walk(me, '?limit=3')).toEqual(
      [chats[0], chats[1], chats[2], chats[6], chats[5], chats[4], chats[3]].map((c) => c!.id),
    );
    // The other person's list is not reordered by my pins.
    expect((await inbox(t.app, others[0]!)).items[0]!.settings.pinned).toBe(false);
  });

  it('refuses a sixth pin with 409, and pinning a pinned chat again keeps its place', async () => {
    const me = await createUser(t.app);
    const chats: { id: string }[] = [];
    for (let i = 0; i < 6; i += 1) chats.push(await createGroup(t.app, me, [], `Group ${i}`));
    for (const chat of chats.slice(0, 5))
      expect((await change(me, chat.id, { pinned: true })).status).toBe(200);
    const sixth = await change(me, chats[5]!.id, { pinned: true });
    expect(sixth.status).toBe(409);
    expect(sixth.body.code).toBe('CONFLICT');
    expect((await inbox(t.app, me)).items.find((item) => item.id === chats[5]!.id)!.settings.pinned).toBe(
      false,
    );
    const order = (await inbox(t.app, me)).items.map((item) => item.id);
    expect((await change(me, chats[0]!.id, { pinned: true })).status).toBe(200);
    expect((await inbox(t.app, me)).items.map((item) => item.id)).toEqual(order);
    // Unpinning one frees a place.
    expect((await change(me, chats[1]!.id, { pinned: false })).status).toBe(200);
    expect((await change(me, chats[5]!.id, { pinned: true })).status).toBe(200);
  });

  it('lets only one of two pins sent at once with four chats pinned pass', async () => {
    const me = await createUser(t.app);
    const chats: { id: string }[] = [];
    for (let i = 0; i < 6; i += 1) chats.push(await createGroup(t.app, me, [], `Race ${i}`));
    for (const chat of chats.slice(0, 4))
      expect((await change(me, chat.id, { pinned: true })).status).toBe(200);
    const answers = await Promise.all([
      change(me, chats[4]!.id, { pinned: true }),
      change(me, chats[5]!.id, { pinned: true }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect((await inbox(t.app, me)).items.filter((item) => item.settings.pinned)).toHaveLength(5);
  });
});

describe('archiving', () => {
  it('leaves archived chats out of the default list and lists them with archived=true', async () => {
    const [me, a, b] = await createUsers(t.app, 3);
    const kept = await createDirect(t.app, me, a);
    const archived = await createDirect(t.app, me, b);
    expect((await change(me, archived.id, { archived: true })).body.data.archived).toBe(true);
    expect((await inbox(t.app, me)).items.map((item) => item.id)).toEqual([kept.id]);
    const listed = await inbox(t.app, me, '?archived=true');
    expect(listed.items.map((item) => item.id)).toEqual([archived.id]);
    expect(listed.items[0]!.settings.archived).toBe(true);
    // The other person still has it in their list.
    expect((await inbox(t.app, b)).items.map((item) => item.id)).toEqual([archived.id]);
  });

  it('keeps a chat archived when a new message arrives, with its unread count', async () => {
    const [me, other] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, me, other);
    await change(me, direct.id, { archived: true, mutedUntil: 'forever' });
    await sendMessage(t.app, other, direct.id, 'are you there?');
    expect((await inbox(t.app, me)).items).toEqual([]);
    const [entry] = (await inbox(t.app, me, '?archived=true')).items;
    expect(entry).toMatchObject({
      id: direct.id,
      unreadCount: 1,
      lastMessage: { content: 'are you there?' },
    });
    expect((await change(me, direct.id, { archived: false })).status).toBe(200);
    expect((await inbox(t.app, me)).items.map((item) => item.id)).toEqual([direct.id]);
  });

  it('unpins a chat it archives, unarchives a chat it pins, and refuses both at once', async () => {
    const me = await createUser(t.app);
    const group = await createGroup(t.app, me, [], 'Both');
    await change(me, group.id, { pinned: true });
    expect((await change(me, group.id, { archived: true })).body.data).toMatchObject({
      pinned: false,
      archived: true,
    });
    expect((await change(me, group.id, { pinned: true })).body.data).toMatchObject({
      pinned: true,
      archived: false,
    });
    const both = await change(me, group.id, { pinned: true, archived: true });
    expect(both.status).toBe(422);
  });

  it('rejects a tampered list cursor with 422', async () => {
    const me = await createUser(t.app);
    const cursor = Buffer.from(JSON.stringify(['soon', '2026-01-01T00:00:00.000000Z', me.id])).toString(
      'base64url',
    );
    const response = await api(t.app, 'GET', `/api/v1/conversations?cursor=${cursor}`, { token: me.token });
    expect(response.status).toBe(422);
  });
});

describe('my other devices', () => {
  it('hear of every change with the whole new settings; the other member hears of none', async () => {
    const [me, other] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, me, other);
    const [phone, laptop, theirs] = [await t.online(me), await t.online(me), await t.online(other)];
    const until = new Date(Date.now() + 3_600_000).toISOString();

    await change(me, direct.id, { pinned: true, mutedUntil: until });
    await change(me, direct.id, { archived: true }); // unpins it
    await change(me, direct.id, { archived: false, mutedUntil: null });
    expect((await change(me, direct.id, { mutedUntil: 'soon' })).status).toBe(422);

    const settings = (pinned: boolean, archived: boolean, mutedUntil: string | null) => ({
      conversationId: direct.id,
      settings: { pinned, archived, mutedUntil },
    });
    const expected = [
      settings(true, false, until),
      settings(false, true, until),
      settings(false, false, null),
    ];
    for (const socket of [phone, laptop, theirs]) await socket.sync();
    expect(phone.of('settings.updated')).toEqual(expected);
    expect(laptop.of('settings.updated')).toEqual(expected);
    expect(theirs.of('settings.updated')).toEqual([]);
  });
});
