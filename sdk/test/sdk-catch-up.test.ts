import { describe, expect, it, vi } from 'vitest';
import { createUser } from '../../test/helpers/factories.js';
import { type ChatClient, MemoryStorage, type Message, unwrap } from '../src/index.js';
import { connectAndSync, useTestServer } from './helpers.js';

const server = useTestServer();

async function online(user: Awaited<ReturnType<typeof createUser>>, storage = new MemoryStorage()) {
  const client = await server.client(user, { storage });
  await connectAndSync(client);
  return client;
}

/** What a device shows of a conversation: its messages and every member's markers. */
function view(client: ChatClient, conversationId: string) {
  return {
    messages: client.store
      .messages(conversationId)
      .map((m) => ({ id: m.id, content: m.content, deleted: m.deleted })),
    markers: client.store
      .readStates(conversationId)
      .filter((s) => s.lastReadMessageId || s.lastDeliveredMessageId)
      .map((s) => ({ userId: s.userId, read: s.lastReadMessageId, delivered: s.lastDeliveredMessageId }))
      .sort((a, b) => a.userId.localeCompare(b.userId)),
  };
}

async function sendAndConfirm(client: ChatClient, conversationId: string, content: string): Promise<Message> {
  const sent = client.next('outbox', (local) => local.content === content && local.state === 'sent');
  await client.send(conversationId, { content });
  return (await sent).message!;
}

describe('a client that was offline catches up', () => {
  it('ends with exactly the messages, deletions and receipts of an always-online device', async () => {
    const [adaUser, bobUser, carolUser] = [
      await createUser(server.app),
      await createUser(server.app),
      await createUser(server.app),
    ];
    const ada = await online(adaUser);
    const carol = await online(carolUser);
    const phoneStorage = new MemoryStorage();
    const bobPhone = await online(bobUser, phoneStorage); // goes offline
    const bobLaptop = await online(bobUser); // stays online: the reference

    const groupCreated = bobPhone.next('conversation.created');
    const group = await unwrap(
      ada.api.POST('/api/v1/conversations', {
        body: { type: 'group', title: 'Trip', participantIds: [bobUser.id, carolUser.id] },
      }),
    );
    await groupCreated;
    const first = bobPhone.next('message.created', (m) => m.content === 'm1');
    const m1 = await sendAndConfirm(ada, group.id, 'm1');
    await first;
    // Bob has a message of his own in the group: the markers that pass it are his business (ticks), and
    // reach his devices live; the others' markers over Ada's messages alone go to Ada (decision 0022).
    const own = bobPhone.next('message.created', (m) => m.content === 'b1');
    const b1 = await sendAndConfirm(bobLaptop, group.id, 'b1');
    await own;
    // The phone saw the group appear live and noted where it stood: on return it asks for the changes.
    await vi.waitFor(() => expect(phoneStorage.get(`chat:${bobUser.id}:cursors`)).toContain(group.id));

    bobPhone.disconnect();
    expect(bobPhone.connectionState).toBe('offline');

    const m2 = await sendAndConfirm(ada, group.id, 'm2');
    const m3 = await sendAndConfirm(ada, group.id, 'm3');
    const m4 = await sendAndConfirm(ada, group.id, 'm4');
    await unwrap(
      ada.api.DELETE('/api/v1/conversations/{conversationId}/messages/{messageId}', {
        params: { path: { conversationId: group.id, messageId: m3.id } },
      }),
    );
    await carol.markRead(group.id, m4.id);
    // Bob hides m2 for himself on his laptop: his phone must drop it too.
    await unwrap(
      bobLaptop.api.DELETE('/api/v1/conversations/{conversationId}/messages/{messageId}', {
        params: { path: { conversationId: group.id, messageId: m2.id }, query: { scope: 'me' } },
      }),
    );
    // A chat that starts while the phone is away.
    const direct = await unwrap(
      ada.api.POST('/api/v1/conversations', { body: { type: 'direct', participantIds: [bobUser.id] } }),
    );
    await sendAndConfirm(ada, direct.id, 'psst');

    expect(view(bobPhone, group.id).messages.map((m) => m.content)).toEqual(['m1', 'b1']);
    await connectAndSync(bobPhone);

    await vi.waitFor(() => expect(view(bobPhone, group.id)).toEqual(view(bobLaptop, group.id)), {
      timeout: 10_000,
    });
    await vi.waitFor(() => expect(view(bobPhone, direct.id)).toEqual(view(bobLaptop, direct.id)), {
      timeout: 10_000,
    });
    // And that shared picture is the right one, not the same mistake twice.
    const phone = view(bobPhone, group.id);
    expect(phone.messages).toEqual([
      { id: m1.id, content: 'm1', deleted: false },
      { id: b1.id, content: 'b1', deleted: false },
      { id: m3.id, content: null, deleted: true },
      { id: m4.id, content: 'm4', deleted: false },
    ]);
    expect(phone.markers).toContainEqual({ userId: carolUser.id, read: m4.id, delivered: m4.id });
    expect(bobPhone.store.status(b1)).toBe('read');
    expect(view(bobPhone, direct.id).messages.map((m) => m.content)).toEqual(['psst']);
    // Ada sees her message reach Bob's phone once it caught up.
    await vi.waitFor(() => expect(ada.store.status(m4)).toBe('delivered'), { timeout: 10_000 });
  });
});
