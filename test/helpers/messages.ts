// Message helpers through the public API: send, list every page, read events off the bus.
import type { FastifyInstance } from 'fastify';
import type { ServerEventMap } from '../../sdk/src/events.js';
import type { Message } from '../../sdk/src/types.js';
import type { BusMessage, EventBus, ServerEvent } from '../../src/realtime/bus.js';
import type { TestUser } from './factories.js';
import { api } from './http.js';

export type { Message };

export const messagesUrl = (conversationId: string) =>
  `/api/v1/conversations/${conversationId}/messages` as const;
export const messageUrl = (conversationId: string, messageId: string) =>
  `/api/v1/conversations/${conversationId}/messages/${messageId}` as const;

/** Sends a message and returns it (throws unless 201). */
export async function sendMessage(
  app: FastifyInstance,
  user: TestUser,
  conversationId: string,
  content: string,
  extra: { clientMessageId?: string; replyToId?: string } = {},
): Promise<Message> {
  const response = await api(app, 'POST', messagesUrl(conversationId), {
    token: user.token,
    body: { content, ...extra },
  });
  if (response.status !== 201) throw new Error(`sendMessage failed: ${JSON.stringify(response.body)}`);
  return response.body.data;
}

/** Moves `user`'s read marker to `messageId` (throws unless 200). */
export async function markRead(
  app: FastifyInstance,
  user: TestUser,
  conversationId: string,
  messageId: string,
): Promise<void> {
  const response = await api(app, 'POST', `/api/v1/conversations/${conversationId}/read`, {
    token: user.token,
    body: { messageId },
  });
  if (response.status !== 200) throw new Error(`markRead failed: ${JSON.stringify(response.body)}`);
}

/** Every message `user` may see, walking `before` cursors; newest first. */
export async function listAll(
  app: FastifyInstance,
  user: TestUser,
  conversationId: string,
  limit = 100,
): Promise<Message[]> {
  const items: Message[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&before=${cursor}` : '';
    const response = await api(app, 'GET', `${messagesUrl(conversationId)}?limit=${limit}${query}`, {
      token: user.token,
    });
    if (response.status !== 200) throw new Error(`list failed: ${JSON.stringify(response.body)}`);
    items.push(...response.body.data.items);
    cursor = response.body.data.nextCursor;
  } while (cursor);
  return items;
}

/** Records every `deliver` frame the bus carries, per user. */
export function recordEvents(bus: EventBus) {
  const received: { userId: string; event: ServerEvent }[] = [];
  const stop = bus.subscribe((message: BusMessage) => {
    if (message.kind !== 'deliver') return;
    for (const userId of message.userIds) received.push({ userId, event: message.event });
  });
  return {
    stop,
    clear: () => received.splice(0),
    /** Events of this type that reached this user, as their socket would receive them. */
    of: <T extends ServerEvent['type']>(user: TestUser, type: T): ServerEventMap[T][] =>
      received
        .filter((entry) => entry.userId === user.id && entry.event.type === type)
        .map((entry) => entry.event.data as ServerEventMap[T]),
  };
}
