import { describe, expect, it } from 'vitest';
import { createUser } from '../../test/helpers/factories.js';
import { unwrap } from '../src/index.js';
import { connectAndSync, useTestServer } from './helpers.js';

const server = useTestServer();

/** Ada and Bob, both online, and the direct chat Ada opened with Bob. */
async function twoOnline() {
  const [adaUser, bobUser] = [await createUser(server.app), await createUser(server.app)];
  const ada = await server.client(adaUser);
  const bob = await server.client(bobUser);
  await connectAndSync(ada);
  await connectAndSync(bob);
  const chat = await unwrap(
    ada.api.POST('/api/v1/conversations', { body: { type: 'direct', participantIds: [bobUser.id] } }),
  );
  return { ada, bob, adaUser, bobUser, chat };
}

describe('two SDK clients chatting live', () => {
  it('delivers a message, turns it delivered on arrival and read when the other reads it', async () => {
    const { ada, bob, adaUser, bobUser, chat } = await twoOnline();

    const arrived = bob.next('message.created', (message) => message.content === 'Hi Bob');
    const sent = ada.next('outbox', (local) => local.state === 'sent');
    const delivered = ada.next(
      'receipt.updated',
      (r) => r.userId === bobUser.id && !!r.lastDeliveredMessageId,
    );
    const local = await ada.send(chat.id, { content: 'Hi Bob' });
    expect(local.state).toBe('pending');
    expect(local.clientMessageId).toMatch(/^[0-9a-f-]{36}$/);

    const received = await arrived;
    const confirmed = await sent;
    expect(confirmed.clientMessageId).toBe(local.clientMessageId);
    expect(confirmed.message?.id).toBe(received.id);
    expect(received.senderId).toBe(adaUser.id);
    expect(ada.pending()).toEqual([]);

    // Bob's client acknowledged the message by itself: Ada's tick moves to delivered.
    const message = confirmed.message!;
    expect((await delivered).lastDeliveredMessageId).toBe(message.id);
    expect(ada.store.status(message)).toBe('delivered');

    const read = ada.next(
      'receipt.updated',
      (r) => r.userId === bobUser.id && r.lastReadMessageId === message.id,
    );
    await bob.markRead(chat.id, message.id);
    await read;
    expect(ada.store.status(message)).toBe('read');
    // No ticks for other people's messages.
    expect(bob.store.status(bob.store.messages(chat.id)[0]!)).toBeNull();
  });

  it('relays typing between the two clients', async () => {
    const { ada, bob, adaUser, chat } = await twoOnline();
    const typing = bob.next('typing', (event) => event.conversationId === chat.id);
    expect(ada.typing(chat.id)).toBe(true);
    expect((await typing).userId).toBe(adaUser.id);
  });

  it("replaces the other client's copy when a message is edited or reacted to", async () => {
    const { ada, bob, chat } = await twoOnline();
    const arrived = bob.next('message.created', (message) => message.content === 'See you at 5');
    const sent = await unwrap(
      ada.api.POST('/api/v1/conversations/{conversationId}/messages', {
        params: { path: { conversationId: chat.id } },
        body: { content: 'See you at 5' },
      }),
    );
    await arrived;
    const edited = bob.next('message.updated', (message) => message.content === 'See you at 6');
    await unwrap(
      ada.api.PATCH('/api/v1/conversations/{conversationId}/messages/{messageId}', {
        params: { path: { conversationId: chat.id, messageId: sent.id } },
        body: { content: 'See you at 6' },
      }),
    );
    expect((await edited).editedAt).not.toBeNull();
    expect(bob.store.messages(chat.id).find((m) => m.id === sent.id)?.content).toBe('See you at 6');

    const reacted = ada.next('message.updated', (message) => message.reactions.length > 0);
    await unwrap(
      bob.api.PUT('/api/v1/conversations/{conversationId}/messages/{messageId}/reaction', {
        params: { path: { conversationId: chat.id, messageId: sent.id } },
        body: { emoji: '👍' },
      }),
    );
    expect((await reacted).reactions).toEqual([{ emoji: '👍', count: 1, me: false }]);
    expect(ada.store.messages(chat.id).find((m) => m.id === sent.id)?.reactions).toEqual([
      { emoji: '👍', count: 1, me: false },
    ]);
  });
});
