import { describe, expect, it, vi } from 'vitest';
import { SERVER_EVENT_TYPES as SERVER_BUS_EVENT_TYPES } from '../../src/core/events.js';
import { WS_PROTOCOL_DESCRIPTION } from '../../src/realtime/protocol.js';
import { createUser } from '../../test/helpers/factories.js';
import { SERVER_EVENT_TYPES, unwrap } from '../src/index.js';
import { connectAndSync, useTestServer } from './helpers.js';

const server = useTestServer();

describe("the SDK's event types", () => {
  it('are exactly the frames the server sends, each of which reaches a client typed by its type', async () => {
    const [adaUser, bobUser, carolUser] = [
      await createUser(server.app),
      await createUser(server.app),
      await createUser(server.app),
    ];
    const ada = await server.client(adaUser, { pingIntervalMs: 200 });
    const bob = await server.client(bobUser);
    const seen = new Set<string>();
    ada.on('frame', (frame) => seen.add(frame.type));

    const direct = await unwrap(
      ada.api.POST('/api/v1/conversations', { body: { type: 'direct', participantIds: [bobUser.id] } }),
    );
    await connectAndSync(ada); // ready
    await connectAndSync(bob); // presence: a contact came online
    const group = await unwrap(
      ada.api.POST('/api/v1/conversations', {
        body: { type: 'group', title: 'Everything', participantIds: [bobUser.id] },
      }),
    );
    const path = { conversationId: group.id };
    await unwrap(
      ada.api.PATCH('/api/v1/conversations/{conversationId}', { params: { path }, body: { title: 'All' } }),
    );
    await unwrap(
      ada.api.POST('/api/v1/conversations/{conversationId}/participants', {
        params: { path },
        body: { userId: carolUser.id },
      }),
    );
    const carol = { conversationId: group.id, userId: carolUser.id };
    await unwrap(
      ada.api.PATCH('/api/v1/conversations/{conversationId}/participants/{userId}', {
        params: { path: carol },
        body: { role: 'admin' },
      }),
    );
    await unwrap(
      ada.api.DELETE('/api/v1/conversations/{conversationId}/participants/{userId}', {
        params: { path: carol },
      }),
    );
    const sent = ada.next('outbox', (local) => local.state === 'sent');
    await ada.send(group.id, { content: 'to be deleted' });
    const message = (await sent).message!;
    await ada.next('receipt.updated', (receipt) => receipt.userId === bobUser.id); // bob's client acked it
    await unwrap(
      bob.api.PUT('/api/v1/conversations/{conversationId}/messages/{messageId}/reaction', {
        params: { path: { conversationId: group.id, messageId: message.id } },
        body: { emoji: '👍' },
      }),
    );
    await unwrap(
      ada.api.DELETE('/api/v1/conversations/{conversationId}/messages/{messageId}', {
        params: { path: { conversationId: group.id, messageId: message.id } },
      }),
    );
    await unwrap(
      ada.api.PATCH('/api/v1/conversations/{conversationId}/settings', {
        params: { path },
        body: { pinned: true },
      }),
    );
    await unwrap(ada.api.PUT('/api/v1/users/{userId}/block', { params: { path: { userId: carolUser.id } } }));
    await unwrap(
      ada.api.DELETE('/api/v1/users/{userId}/block', { params: { path: { userId: carolUser.id } } }),
    );
    await unwrap(ada.api.PATCH('/api/v1/users/me/privacy', { body: { lastSeen: 'contacts' } }));
    bob.typing(direct.id);
    ada.typing('00000000-0000-7000-8000-000000000000'); // not a member: an error frame
    await unwrap(ada.api.DELETE('/api/v1/conversations/{conversationId}', { params: { path } }));

    // `resync` needs the server's bus to be interrupted: sdk-resync.test.ts covers it.
    const expected = SERVER_EVENT_TYPES.filter((type) => type !== 'resync').sort();
    await vi.waitFor(() => expect([...seen].sort()).toEqual(expected), { timeout: 10_000 });
  });

  it("include every event type in the server's union, plus the socket's own frames", () => {
    const socketFrames = ['ready', 'pong', 'resync', 'error'];
    expect([...SERVER_EVENT_TYPES].sort()).toEqual([...SERVER_BUS_EVENT_TYPES, ...socketFrames].sort());
  });

  it('cover every event the protocol document names', () => {
    const documented = new Set(
      [...WS_PROTOCOL_DESCRIPTION.matchAll(/`([a-z]+\.[a-z]+)`/g)].map((match) => match[1] as string),
    );
    const known = new Set<string>(SERVER_EVENT_TYPES);
    expect([...documented].filter((type) => !known.has(type))).toEqual([]);
    expect(documented.size).toBeGreaterThan(5);
  });
});
