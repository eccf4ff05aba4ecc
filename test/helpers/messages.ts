// Message helpers through the public API: send, list every page, read events off the bus.
import type { FastifyInstance } from 'fastify';
import type { BusMessage, EventBus, ServerEvent } from '../../src/realtime/bus.js';
import type { TestUser } from './factories.js';
import { api } from './http.js';

export const messagesUrl = (conversationId: string) => `/api/v1/conversations/${conversationId}/messages`;

/** Sends a message and returns it (throws unless 201). */
export async function sendMessage(
  app: FastifyInstance,
  user: TestUser,
  conversationId: string,
  content: string,
  extra: { clientMessageId?: string; replyToId?: string } = {},
): Promise<any> {
  const response = await api(app, 'POST', messagesUrl(conversationId), {
    token: user.token,
    body: { content, ...extra },
  });
  if (response.status !== 201) throw new Error(`sendMessage failed: ${JSON.stringify(response.body)}`);
  return response.body.data;
}

/** Every message `user` may see, walking `before` cursors; newest first. */
export async function listAll(app: FastifyInstance, user: TestUser, conversationId: string, limit = 100) {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=${limit}&before=${cursor}` : `?limit=${limit}`;
    const response = await api(app, 'GET', `${messagesUrl(conversationId)}${query}`, { token: user.token });
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
    /** Events of this type that reached this user. */
    of: (user: TestUser, type: string) =>
      received
        .filter((entry) => entry.userId === user.id && entry.event.type === type)
        .map((e) => e.event.data as any),
  };
}
