// The chat SDK: typed REST calls, a real-time client that catches up after every reconnect, an outbox.
export { ChatClient, type ChatClientOptions, type ChatEventMap, createChatClient } from './client.js';
export { ApiError, type ErrorDetail, isRetryable, NetworkError } from './errors.js';
export {
  type ClientFrame,
  type Role,
  SERVER_EVENT_TYPES,
  type ServerEvent,
  type ServerEventMap,
  type ServerEventType,
} from './events.js';
export type { components, operations, paths } from './generated/api.js';
export type { SearchQuery } from './message-calls.js';
export { type LocalMessage, type LocalMessageState, newClientMessageId } from './outbox.js';
export { type PushManagerLike, type PushSubscriptionLike, registerPush } from './push.js';
export { type ApiClient, createApiClient, unwrap } from './rest.js';
export type { SessionChange } from './session.js';
export {
  backoffDelay,
  type ConnectionChange,
  type ConnectionState,
  type ReconnectOptions,
  type WebSocketConstructor,
  type WebSocketLike,
} from './socket.js';
export { type MessageStatus, messageStatus, type StatusContext } from './status.js';
export { type KeyValueStorage, LocalStorageAdapter, MemoryStorage } from './storage.js';
export { MessageStore } from './store.js';
export type { SyncBatch } from './sync.js';
export type * from './types.js';
