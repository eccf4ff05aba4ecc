import { describe, expect, it } from 'vitest';
import { createUser } from '../../test/helpers/factories.js';
import { ApiError, type ChatClient, MemoryStorage, unwrap } from '../src/index.js';
import { connectAndSync, useTestServer } from './helpers.js';

const server = useTestServer();

async function online(user: Awaited<ReturnType<typeof createUser>>, storage = new MemoryStorage()) {
  const client = await server.client(user, { storage });
  await connectAndSync(client);
  return client;
}

async function directChat(from: ChatClient, toUserId: string): Promise<string> {
  const chat = await unwrap(
    from.api.POST('/api/v1/conversations', { body: { type: 'direct', participantIds: [toUserId] } }),
  );
  return chat.id;
}

describe('typed calls for edits, reactions, search and my settings', () => {
  it('edits and reacts: the answer updates the store, the other client gets message.updated', async () => {
    const [adaUser, bobUser] = [await createUser(server.app), await createUser(server.app)];
    const [ada, bob] = [await online(adaUser), await online(bobUser)];
    const chatId = await directChat(ada, bobUser.id);
    const sent = ada.next('outbox', (local) => local.state === 'sent');
    await ada.send(chatId, { content: 'Meet at noon' });
    const message = (await sent).message!;

    const edited = bob.next('message.updated', (m) => m.id === message.id && m.editedAt !== null);
    const mine = await ada.editMessage(chatId, message.id, 'Meet at one');
    expect(mine.content).toBe('Meet at one');
    expect(ada.store.messages(chatId).find((m) => m.id === message.id)?.content).toBe('Meet at one');
    expect((await edited).content).toBe('Meet at one');

    const reacted = ada.next('message.updated', (m) => m.reactions.length === 1);
    expect((await bob.react(chatId, message.id, '🎉')).reactions).toEqual([
      { emoji: '🎉', count: 1, me: true },
    ]);
    expect((await reacted).reactions).toEqual([{ emoji: '🎉', count: 1, me: false }]);
    expect((await bob.react(chatId, message.id, null)).reactions).toEqual([]);

    const hits = await bob.searchMessages({ q: 'one', conversationId: chatId });
    expect(hits.items.map((hit) => hit.message.id)).toEqual([message.id]);
    expect(hits.items[0]!.snippet).toBe('Meet at <mark>one</mark>');
  });

  it('pins up to five chats, and a sixth is an ApiError with status 409', async () => {
    const me = await online(await createUser(server.app));
    const chats: string[] = [];
    for (let i = 0; i < 6; i += 1) chats.push(await directChat(me, (await createUser(server.app)).id));
    for (const id of chats.slice(0, 5)) {
      expect(await me.updateChatSettings(id, { pinned: true })).toEqual({
        pinned: true,
        archived: false,
        mutedUntil: null,
      });
    }
    const refused = await me.updateChatSettings(chats[5]!, { pinned: true }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(409);
    expect((await me.updateChatSettings(chats[5]!, { mutedUntil: 'forever' })).mutedUntil).toBe('forever');
  });

  it('blocks, lists and unblocks; reads and changes privacy settings', async () => {
    const [meUser, otherUser] = [await createUser(server.app), await createUser(server.app)];
    const me = await online(meUser);
    expect((await me.blockUser(otherUser.id)).user.id).toBe(otherUser.id);
    expect((await me.blockedUsers()).map((entry) => entry.user.id)).toEqual([otherUser.id]);
    await me.unblockUser(otherUser.id);
    expect(await me.blockedUsers()).toEqual([]);

    expect(await me.privacy()).toEqual({
      lastSeen: 'everyone',
      profilePhoto: 'everyone',
      readReceipts: true,
      groupAdd: 'everyone',
    });
    expect(await me.updatePrivacy({ lastSeen: 'nobody', readReceipts: false })).toMatchObject({
      lastSeen: 'nobody',
      readReceipts: false,
    });
  });
});

describe('catch-up of archived chats', () => {
  it('lists them with the others and brings what was said in them while away', async () => {
    const [adaUser, bobUser] = [await createUser(server.app), await createUser(server.app)];
    const ada = await online(adaUser);
    const bob = await online(bobUser);
    const chatId = await directChat(ada, bobUser.id);
    const first = bob.next('message.created');
    await ada.send(chatId, { content: 'Before the archive' });
    await first;
    await bob.updateChatSettings(chatId, { archived: true });

    bob.disconnect();
    const sent = ada.next('outbox', (local) => local.state === 'sent');
    await ada.send(chatId, { content: 'While you were away' });
    const away = (await sent).message!;

    const listed = bob.next('conversations');
    const caughtUp = bob.next('sync', (batch) => batch.conversationId === chatId);
    bob.connect();
    const conversations = await listed;
    expect(conversations.find((chat) => chat.id === chatId)?.settings.archived).toBe(true);
    expect((await caughtUp).messages.map((m) => m.id)).toContain(away.id);
    expect(bob.store.messages(chatId).map((m) => m.content)).toContain('While you were away');
  });
});
