// Every event the server sends to clients, as one discriminated union, and the one door through which
// services publish them: after the transaction has committed, never turning a committed write into an
// error. The WebSocket gateway subscribes to the bus; no module imports the gateway.
import type { FastifyBaseLogger } from 'fastify';
import type { Audience, GroupAddAudience } from './privacy.js';

type Role = 'owner' | 'admin' | 'member';

/** A message as one recipient sees it (the messages presenter's shape). */
export interface MessagePayload {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  [field: string]: unknown;
}

/** A conversation's shared fields (the conversations presenter's shape). */
export interface ConversationPayload {
  id: string;
  type: 'direct' | 'group';
  participantCount: number;
  [field: string]: unknown;
}

/** My settings for one chat (the conversations presenter's `settings`). */
export interface ChatSettingsPayload {
  pinned: boolean;
  archived: boolean;
  mutedUntil: string | null;
}

/** My privacy settings (GET /users/me/privacy). */
export interface PrivacyPayload {
  lastSeen: Audience;
  profilePhoto: Audience;
  readReceipts: boolean;
  groupAdd: GroupAddAudience;
}

export interface ReceiptPayload {
  conversationId: string;
  userId: string;
  lastReadMessageId: string | null;
  lastDeliveredMessageId: string | null;
  readAt: string | null;
  deliveredAt: string | null;
  /** The recipient's own messages these markers passed without counting (withheld by a block). */
  withheldMessageIds: string[];
}

/** Events that travel on the bus: raised by services (and presence), delivered to users' sockets. */
export type ServerEvent =
  | { type: 'message.created'; data: MessagePayload }
  | { type: 'message.updated'; data: MessagePayload }
  | {
      type: 'message.deleted';
      data: {
        conversationId: string;
        messageId: string;
        seq: number;
        deletedBy: string;
        scope: 'everyone' | 'me';
      };
    }
  | { type: 'receipt.updated'; data: ReceiptPayload }
  | { type: 'conversation.created'; data: ConversationPayload & { participants: unknown[] } }
  | { type: 'conversation.updated'; data: ConversationPayload }
  | { type: 'conversation.deleted'; data: { conversationId: string; deletedFor: 'everyone' | 'me' } }
  | {
      type: 'participant.added';
      data: { conversationId: string; userId: string; role: Role; addedBy: string };
    }
  | {
      type: 'participant.updated';
      data: { conversationId: string; userId: string; role: Role; updatedBy: string };
    }
  | { type: 'participant.removed'; data: { conversationId: string; userId: string; removedBy: string } }
  | { type: 'typing'; data: { conversationId: string; userId: string; expiresInMs: number } }
  | { type: 'presence'; data: { userId: string; online: boolean; lastSeenAt: string | null } }
  // The acting user's own settings, to all of their sockets (their other devices), never to anyone else.
  | { type: 'settings.updated'; data: { conversationId: string; settings: ChatSettingsPayload } }
  | { type: 'user.blocked'; data: { user: { id: string; [field: string]: unknown }; blockedAt: string } }
  | { type: 'user.unblocked'; data: { userId: string } }
  | { type: 'privacy.updated'; data: PrivacyPayload };

export type ServerEventType = ServerEvent['type'];

/** Frames a socket sends about itself, never through the bus. */
export type SocketFrame =
  | { type: 'ready'; data: { userId: string; heartbeatMs: number } }
  | { type: 'pong'; data: unknown }
  /**
   * Events for this socket may have been lost (the cross-process bus was interrupted and is back): run the
   * reconnect recipe's catch-up now, without reconnecting.
   */
  | { type: 'resync'; data: { reason: 'bus_interrupted' } }
  | { type: 'error'; data: { code: string; message: string; frameType?: string } };

/** Everything a client can receive. */
export type ServerFrame = ServerEvent | SocketFrame;

/** Every bus event type, in the order the protocol documents them (checked complete by the compiler). */
export const SERVER_EVENT_TYPES = [
  'message.created',
  'message.updated',
  'message.deleted',
  'receipt.updated',
  'conversation.created',
  'conversation.updated',
  'conversation.deleted',
  'participant.added',
  'participant.updated',
  'participant.removed',
  'typing',
  'presence',
  'settings.updated',
  'user.blocked',
  'user.unblocked',
  'privacy.updated',
] as const satisfies readonly ServerEventType[];
// Fails to compile when a type of the union is missing from the list above.
const _complete: Exclude<ServerEventType, (typeof SERVER_EVENT_TYPES)[number]> extends never ? true : never =
  true;
void _complete;

export type BusMessage =
  /**
   * Send `event` to every live socket of these users. `frame`, when set, is the event already serialised
   * (as it arrived from another process): sockets get those bytes as they are.
   */
  | { kind: 'deliver'; userIds: string[]; event: ServerEvent; frame?: Buffer }
  /** Close live sockets: all of a user's, or only those opened with one session's tokens. */
  | { kind: 'disconnect'; userId: string; sessionId?: string; reason: string }
  /**
   * The user's own row changed (profile, photo, verification, last seen, privacy), or a block changed what
   * others may see of them: every process forgets the copy it keeps for GET /users/me
   * (core/session-cache.ts) and the inbox pages that show them (core/inbox-cache.ts).
   */
  | { kind: 'user-changed'; userId: string }
  /** Close these sockets of a user (over the per-user cap), on whichever process holds them. */
  | { kind: 'evict'; userId: string; connectionIds: string[] }
  /**
   * Raised locally by a bus whose subscription was interrupted and is live again: messages published
   * meanwhile were missed. Never published; every subscriber of this process hears it.
   */
  | { kind: 'resync' };

export interface EventBus {
  publish(message: BusMessage): Promise<void>;
  /** Rejects when the bus cannot carry events right now (for /ready); absent for the in-process bus. */
  ping?(): Promise<void>;
  subscribe(handler: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
}

export interface Publisher {
  bus: EventBus;
  log: FastifyBaseLogger;
}

/** Events of committed writes kept in the outbox until published (docs/decisions/0010). */
export interface OwedEvents {
  /** The event went out: its outbox row can go. */
  published(event: 'message.created' | 'message.updated' | 'message.deleted', messageId: string): void;
}

/**
 * Publishes after the write has committed. A failing bus (Redis down) is logged, never thrown: the write
 * stands, clients that miss an event catch up through the conversation list and /changes (told to by a
 * `resync` frame when the bus is back), and a socket that misses its disconnect still fails every request
 * its ended session makes. Resolves to whether the message went out.
 */
export async function publishAfterCommit(ctx: Publisher, message: BusMessage): Promise<boolean> {
  if (message.kind === 'deliver' && message.userIds.length === 0) return true;
  try {
    await ctx.bus.publish(message);
    return true;
  } catch (error) {
    ctx.log.error(
      {
        err: error,
        kind: message.kind,
        type:
          message.kind === 'deliver'
            ? message.event.type
            : message.kind === 'disconnect'
              ? message.reason
              : message.kind === 'evict'
                ? 'too_many_sockets'
                : message.kind,
      },
      'could not publish a real-time event after commit',
    );
    return false;
  }
}

/** Delivers one event to these users (each once). */
export function publishEvent(
  ctx: Publisher,
  userIds: readonly string[],
  event: ServerEvent,
): Promise<boolean> {
  return publishAfterCommit(ctx, { kind: 'deliver', userIds: [...new Set(userIds)], event });
}

/** Tells every process that the user's own row, or what others see of them, changed (after commit). */
export function publishUserChanged(ctx: Publisher, userId: string): Promise<boolean> {
  return publishAfterCommit(ctx, { kind: 'user-changed', userId });
}

/** Closes sockets after their session (or the account) ended. */
export function publishDisconnect(
  ctx: Publisher,
  target: { userId: string; sessionId?: string },
  reason: string,
): Promise<boolean> {
  return publishAfterCommit(ctx, { kind: 'disconnect', ...target, reason });
}

/** A per-process copy that some bus messages make out of date (core/session-cache.ts, core/inbox-cache.ts). */
export interface BusInvalidated {
  onBusMessage(message: BusMessage): void;
}

/**
 * The bus services publish to: each message is applied to this process's caches before it leaves, so the
 * next request here already sees it even when the bus (Redis) delivers it later.
 */
export function invalidatingBus(bus: EventBus, caches: readonly BusInvalidated[]): EventBus {
  const ping = bus.ping?.bind(bus);
  return {
    publish(message) {
      for (const cache of caches) cache.onBusMessage(message);
      return bus.publish(message);
    },
    subscribe: (handler) => bus.subscribe(handler),
    ...(ping ? { ping } : {}),
    close: () => bus.close(),
  };
}
