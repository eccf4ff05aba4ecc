// Every frame the server sends on /api/v1/ws, as a discriminated union on `type`. The list mirrors the
// server's protocol; a test holds the two to the same set of types.
import type { BlockedUser, ChatSettings, Conversation, Message, Privacy, ReadState } from './types.js';

export type Role = 'owner' | 'admin' | 'member';

export interface ServerEventMap {
  /** A message as `GET …/messages/:id` shows it to you; your own carry your `clientMessageId`. */
  'message.created': Message;
  /** Edited, or its reactions changed: the whole message as you see it now; replace your copy. */
  'message.updated': Message;
  /** Deleted for everyone (a tombstone stays), or hidden for you on another device (`scope: 'me'`). */
  'message.deleted': {
    conversationId: string;
    messageId: string;
    seq: number;
    deletedBy: string;
    scope: 'everyone' | 'me';
  };
  /**
   * One member's delivered/read markers moved: recompute the ticks of your messages (not counting that
   * member for the ones in `withheldMessageIds`). It comes when the markers passed a message of yours
   * (and for your own markers, from your other devices); the markers of others are kept as last heard.
   */
  'receipt.updated': ReadState & { conversationId: string };
  'conversation.created': Conversation & { participants: unknown[] };
  'conversation.updated': Conversation;
  'conversation.deleted': { conversationId: string; deletedFor: 'everyone' | 'me' };
  'participant.added': { conversationId: string; userId: string; role: Role; addedBy: string };
  'participant.updated': { conversationId: string; userId: string; role: Role; updatedBy: string };
  'participant.removed': { conversationId: string; userId: string; removedBy: string };
  /** Show "typing…" and hide it yourself after `expiresInMs` unless another one arrives. */
  typing: { conversationId: string; userId: string; expiresInMs: number };
  presence: { userId: string; online: boolean; lastSeenAt: string | null };
  /** You changed your settings for a chat (on this or another of your devices): the whole new settings. */
  'settings.updated': { conversationId: string; settings: ChatSettings };
  /** You blocked someone (on this or another of your devices), as your block list shows them. */
  'user.blocked': BlockedUser;
  /** You unblocked someone (on this or another of your devices). */
  'user.unblocked': { userId: string };
  /** You changed your privacy settings (on this or another of your devices): all of them. */
  'privacy.updated': Privacy;
  /** The socket is authenticated; the presence picture has been sent before it. */
  ready: { userId: string; heartbeatMs: number };
  /** The answer to a `ping`, echoing its data. */
  pong: Record<string, unknown>;
  /**
   * Events for this socket may have been lost (the server's cross-process bus was interrupted): the client
   * runs its catch-up, as after a reconnect; the socket stays open.
   */
  resync: { reason: string };
  /** A frame of ours was refused; the socket stays open. */
  error: { code: string; message: string; frameType?: string };
}

export type ServerEventType = keyof ServerEventMap;

/** One frame: `{ type, data }` with `data` typed by `type`. */
export type ServerEvent = { [T in ServerEventType]: { type: T; data: ServerEventMap[T] } }[ServerEventType];

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
  'ready',
  'pong',
  'resync',
  'error',
] as const satisfies readonly ServerEventType[];

// Compile-time check that the list above names every type of the map.
type Missing = Exclude<ServerEventType, (typeof SERVER_EVENT_TYPES)[number]>;
const everyTypeListed: [Missing] extends [never] ? true : Missing = true;
void everyTypeListed;

/** Frames the client sends. */
export type ClientFrame =
  | { type: 'auth'; token: string }
  | { type: 'typing'; data: { conversationId: string } }
  | { type: 'ack'; data: { messageId: string; conversationId?: string } }
  | { type: 'ping'; data: Record<string, unknown> };
