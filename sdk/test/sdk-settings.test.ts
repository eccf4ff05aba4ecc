// My own settings across my devices: pins, archives, mutes, the block list (live, and after being away).
import { describe, expect, it, vi } from 'vitest';
import { createUser } from '../../test/helpers/factories.js';
import { type ChatClient, unwrap } from '../src/index.js';
import { connectAndSync, useTestServer } from './helpers.js';

const server = useTestServer();

async function directChat(from: ChatClient, toUserId: string) {
  return unwrap(
    from.api.POST('/api/v1/conversations', { body: { type: 'direct', participantIds: [toUserId] } }),
  );
}

function changeSettings(client: ChatClient, conversationId: string, body: Record<string, unknown>) {
  return unwrap(
    client.api.PATCH('/api/v1/conversations/{conversationId}/settings', {
      params: { path: { conversationId } },
      body,
    }),
  );
}

const block = (client: ChatClient, userId: string) =>
  unwrap(client.api.PUT('/api/v1/users/{userId}/block', { params: { path: { userId } } }));
const unblock = (client: ChatClient, userId: string) =>
  unwrap(client.api.DELETE('/api/v1/users/{userId}/block', { params: { path: { userId } } }));

describe('my settings on my other devices', () => {
  it("keep the other device's store current, live; the other person's client hears of none of it", async () => {
    const [meUser, bobUser] = [await createUser(server.app), await createUser(server.app)];
    const phone = await server.client(meUser);
    const laptop = await server.client(meUser);
    const bob = await server.client(bobUser);
    const chat = await directChat(phone, bobUser.id);
    for (const client of [phone, laptop, bob]) await connectAndSync(client);
    const bobsFrames: string[] = [];
    bob.on('frame', (frame) => bobsFrames.push(frame.type));
    expect(laptop.store.settings(chat.id)).toEqual({ pinned: false, archived: false, mutedUntil: null });

    const pinned = laptop.next('settings.updated', (event) => event.settings.pinned);
    await changeSettings(phone, chat.id, { pinned: true, mutedUntil: 'forever' });
    await pinned;
    expect(laptop.store.settings(chat.id)).toEqual({ pinned: true, archived: false, mutedUntil: 'forever' });

    const archived = laptop.next('settings.updated', (event) => event.settings.archived);
    await changeSettings(phone, chat.id, { archived: true });
    await archived;
    expect(laptop.store.settings(chat.id)).toEqual({ pinned: false, archived: true, mutedUntil: 'forever' });

    const blocked = laptop.next('user.blocked');
    await block(phone, bobUser.id);
    expect((await blocked).user.id).toBe(bobUser.id);
    expect(laptop.store.isBlocked(bobUser.id)).toBe(true);
    expect(laptop.store.blocked().map((entry) => entry.user.id)).toEqual([bobUser.id]);

    const unblocked = laptop.next('user.unblocked');
    await unblock(phone, bobUser.id);
    await unblocked;
    expect(laptop.store.isBlocked(bobUser.id)).toBe(false);

    const privacy = laptop.next('privacy.updated');
    await unwrap(phone.api.PATCH('/api/v1/users/me/privacy', { body: { readReceipts: false } }));
    expect((await privacy).readReceipts).toBe(false);

    // Bob's client: his own settings untouched, and no frame about mine. A message sent after all of it
    // arrives after anything sent to him before.
    const last = bob.next('message.created', (message) => message.content === 'that was all');
    await phone.send(chat.id, { content: 'that was all' });
    await last;
    expect(bob.store.settings(chat.id)).toEqual({ pinned: false, archived: false, mutedUntil: null });
    expect(bobsFrames.filter((type) => /settings|blocked|privacy/.test(type))).toEqual([]);
  });

  it('reach a device that was away through its catch-up, archived chats and their messages included', async () => {
    const [meUser, bobUser, carolUser] = [
      await createUser(server.app),
      await createUser(server.app),
      await createUser(server.app),
    ];
    const phone = await server.client(meUser);
    const laptop = await server.client(meUser);
    const bob = await server.client(bobUser);
    const chat = await directChat(phone, bobUser.id);
    await connectAndSync(laptop);
    laptop.disconnect();

    await changeSettings(phone, chat.id, { archived: true });
    await block(phone, carolUser.id);
    const whileAway = await unwrap(
      bob.api.POST('/api/v1/conversations/{conversationId}/messages', {
        params: { path: { conversationId: chat.id } },
        body: { content: 'in the archived chat' },
      }),
    );

    await connectAndSync(laptop);
    expect(laptop.store.settings(chat.id)).toEqual({ pinned: false, archived: true, mutedUntil: null });
    expect(laptop.store.messages(chat.id).map((message) => message.id)).toContain(whileAway.id);
    await vi.waitFor(() => expect(laptop.store.isBlocked(carolUser.id)).toBe(true));

    // And back the other way while away: unblocked and unarchived elsewhere.
    laptop.disconnect();
    await changeSettings(phone, chat.id, { archived: false });
    await unblock(phone, carolUser.id);
    await connectAndSync(laptop);
    expect(laptop.store.settings(chat.id)).toEqual({ pinned: false, archived: false, mutedUntil: null });
    await vi.waitFor(() => expect(laptop.store.isBlocked(carolUser.id)).toBe(false));
  });
});
