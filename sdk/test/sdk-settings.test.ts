// My own settings across my devices: pins, archives, mutes, the block list (live, and after being away),
// and the ticks of messages a block withheld, which stay "sent" after the unblock.
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

describe('ticks of what a block withheld', () => {
  it('stay "sent" after the unblock, however far the other person reads; later messages tick as usual', async () => {
    const [adaUser, bobUser] = [await createUser(server.app), await createUser(server.app)];
    const ada = await server.client(adaUser);
    const bob = await server.client(bobUser);
    await connectAndSync(ada);
    await connectAndSync(bob);
    const chat = await directChat(ada, bobUser.id);
    await block(ada, bobUser.id);

    const sent = bob.next('outbox', (local) => local.state === 'sent');
    await bob.send(chat.id, { content: 'while blocked' });
    const withheld = (await sent).message!;
    expect(bob.store.status(withheld)).toBe('sent');
    await unblock(ada, bobUser.id);

    // Ada writes again: her message is also a read receipt up to it, but it passes one of Bob's that never
    // reached her, so Bob's client asks the server how it counts rather than inferring.
    const reply = bob.next('message.created', (message) => message.content === 'hello again');
    const refreshed = bob.next('sync', (batch) => batch.conversationId === chat.id);
    await ada.send(chat.id, { content: 'hello again' });
    await reply;
    expect(bob.store.status(withheld)).toBe('sent');
    await refreshed;
    expect(bob.store.status(withheld)).toBe('sent');

    const later = bob.next(
      'outbox',
      (local) => local.state === 'sent' && local.content === 'after the unblock',
    );
    await bob.send(chat.id, { content: 'after the unblock' });
    const after = (await later).message!;
    // Ada's client acknowledges it on arrival, then she reads it.
    await bob.next(
      'receipt.updated',
      (r) => r.userId === adaUser.id && r.lastDeliveredMessageId === after.id,
    );
    expect(bob.store.status(after)).toBe('delivered');
    const read = bob.next(
      'receipt.updated',
      (r) => r.userId === adaUser.id && r.lastReadMessageId === after.id,
    );
    await ada.markRead(chat.id, after.id);
    await read;
    expect(bob.store.status(after)).toBe('read');
    expect(bob.store.status(withheld)).toBe('sent');

    // A device of Bob's that catches up from nothing agrees.
    const tablet = await server.client(bobUser);
    await connectAndSync(tablet);
    const history = await unwrap(
      tablet.api.GET('/api/v1/conversations/{conversationId}/messages', {
        params: { path: { conversationId: chat.id } },
      }),
    );
    for (const message of history.items) tablet.store.upsert(message);
    const statuses = Object.fromEntries(
      tablet.store.messages(chat.id).map((message) => [message.content, tablet.store.status(message)]),
    );
    expect(statuses).toEqual({ 'while blocked': 'sent', 'hello again': null, 'after the unblock': 'read' });
  });

  it('still turn read when a reply passes messages that reached the other person after all', async () => {
    const [adaUser, bobUser] = [await createUser(server.app), await createUser(server.app)];
    const ada = await server.client(adaUser);
    const bob = await server.client(bobUser);
    await connectAndSync(bob);
    const chat = await directChat(ada, bobUser.id);
    // Ada's client is not connected: nothing acknowledges Bob's message on arrival.
    const sent = bob.next('outbox', (local) => local.state === 'sent');
    await bob.send(chat.id, { content: 'are you there?' });
    const message = (await sent).message!;
    const refreshed = bob.next('sync', (batch) => batch.conversationId === chat.id);
    await unwrap(
      ada.api.POST('/api/v1/conversations/{conversationId}/messages', {
        params: { path: { conversationId: chat.id } },
        body: { content: 'just saw it' },
      }),
    );
    await refreshed;
    expect(bob.store.status(message)).toBe('read');
  });
});
