// ChatClient: one object for an app or a bot. Typed REST calls with the session's tokens, a socket that
// stays up, catch-up after every (re)connect, acknowledgements, an outbox for sends, and a message store.
import createClient from 'openapi-fetch';
import { Emitter } from './emitter.js';
import type { ServerEvent, ServerEventMap } from './events.js';
import type { paths } from './generated/api.js';
import { editMessage, type SearchQuery, searchMessages, setReaction } from './message-calls.js';
import { type LocalMessage, Outbox } from './outbox.js';
import { type PushManagerLike, registerPush } from './push.js';
import { type ApiClient, unwrap } from './rest.js';
import { Session, type SessionChange } from './session.js';
import {
  blockUser,
  getPrivacy,
  listBlockedUsers,
  unblockUser,
  updateChatSettings,
  updatePrivacy,
} from './settings-calls.js';
import {
  type ConnectionChange,
  type ConnectionState,
  RealtimeSocket,
  type ReconnectOptions,
  type WebSocketConstructor,
} from './socket.js';
import { type KeyValueStorage, MemoryStorage } from './storage.js';
import { MessageStore } from './store.js';
import { Sync, type SyncBatch } from './sync.js';
import type {
  Attachment,
  BlockedUser,
  ChatSettings,
  ChatSettingsChanges,
  ConversationSummary,
  LoginBody,
  Me,
  Message,
  Privacy,
  PrivacyChanges,
  PushSubscriptionInfo,
  SearchPage,
  SignupBody,
} from './types.js';

export interface ChatClientOptions {
  /** The server's origin, e.g. `http://127.0.0.1:3000`; in a browser, omit it for the page's own origin. */
  baseUrl?: string;
  /** Where tokens, sync cursors and unsent messages are kept (default: memory). */
  storage?: KeyValueStorage;
  /** Prefix of the storage keys (default `chat`), to keep several clients apart in one storage. */
  storagePrefix?: string;
  /** A WebSocket class; defaults to the global one (browsers, Node 22+). On Node 20 pass `ws`. */
  WebSocket?: WebSocketConstructor;
  /** A fetch implementation (default: the global fetch). */
  fetch?: (input: Request) => Promise<Response>;
  /** Backoff for reconnects and outbox retries. */
  reconnect?: ReconnectOptions;
  /** Socket ping interval in ms (default 25 000); a missed pong ends the socket and reconnects. */
  pingIntervalMs?: number;
  /** Refresh the access token this long before it expires, in ms (default 30 000). */
  refreshLeewayMs?: number;
  /** Acknowledge each message from others as it arrives (default true): their ticks turn "delivered". */
  autoAck?: boolean;
}

/** Everything a client emits: the server's events, plus the SDK's own. */
export interface ChatEventMap extends ServerEventMap {
  /** Catch-up for one conversation after a (re)connect: apply it like the live events. */
  sync: SyncBatch;
  /** The conversation list as the last catch-up saw it: the default list, then the archived chats. */
  conversations: ConversationSummary[];
  /** The socket's state changed. */
  connection: ConnectionChange;
  /** A message in the outbox changed state (pending → sent, or failed). */
  outbox: LocalMessage;
  /** Logged in, or the session ended (logout, or a refresh the server refused). */
  session: SessionChange;
  /** Every frame from the server, as received. */
  frame: ServerEvent;
}

function defaultBaseUrl(): string {
  const location = (globalThis as { location?: { origin?: string } }).location;
  if (location?.origin && location.origin !== 'null') return location.origin;
  throw new Error('ChatClient needs a baseUrl outside a browser page');
}

export class ChatClient {
  /** Typed REST calls (openapi-fetch) with the session's bearer token and automatic refresh. */
  readonly api: ApiClient;
  /** Messages and markers of the conversations this device has seen, kept current automatically. */
  readonly store: MessageStore;
  readonly baseUrl: string;

  private readonly emitter = new Emitter<ChatEventMap>();
  private readonly session: Session;
  private readonly socket: RealtimeSocket;
  private readonly outbox: Outbox;
  private readonly syncer: Sync;
  private readonly storage: KeyValueStorage;
  private readonly prefix: string;
  private readonly autoAck: boolean;
  private readonly stopListening: () => void = () => {};

  /** Use createChatClient(), which also loads what storage kept from an earlier run. */
  constructor(options: ChatClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? defaultBaseUrl()).replace(/\/+$/, '');
    this.storage = options.storage ?? new MemoryStorage();
    this.prefix = options.storagePrefix ?? 'chat';
    this.autoAck = options.autoAck ?? true;
    const fetchImpl = options.fetch ?? ((input: Request) => globalThis.fetch(input));
    const reconnect = { initialDelayMs: 500, maxDelayMs: 30_000, ...options.reconnect };

    this.session = new Session({
      baseUrl: this.baseUrl,
      storage: this.storage,
      key: `${this.prefix}:session`,
      fetch: fetchImpl,
      refreshLeewayMs: options.refreshLeewayMs ?? 30_000,
      onChange: (change) => this.sessionChanged(change),
    });
    this.api = createClient<paths>({ baseUrl: this.baseUrl, fetch: this.session.authorizedFetch });
    this.store = new MessageStore(() => this.session.userId);

    const WebSocketClass =
      options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    this.socket = new RealtimeSocket({
      url: `${this.baseUrl.replace(/^http/, 'ws')}/api/v1/ws`,
      WebSocket:
        WebSocketClass ??
        (class {
          constructor() {
            throw new Error('No WebSocket available: pass one as the WebSocket option (e.g. from "ws")');
          }
        } as unknown as WebSocketConstructor),
      token: () => this.session.accessToken(),
      renewToken: async () => {
        if (!this.session.loggedIn) return false;
        await this.session.refresh();
        return this.session.loggedIn;
      },
      reconnect,
      pingIntervalMs: options.pingIntervalMs ?? 25_000,
      onFrame: (frame) => this.received(frame),
      onState: (change) => this.emitter.emit('connection', change),
    });

    this.outbox = new Outbox({
      storage: this.storage,
      key: () => this.userKey('outbox'),
      post: (local) =>
        unwrap(
          this.api.POST('/api/v1/conversations/{conversationId}/messages', {
            params: { path: { conversationId: local.conversationId } },
            body: {
              content: local.content,
              clientMessageId: local.clientMessageId,
              ...(local.replyToId ? { replyToId: local.replyToId } : {}),
              ...(local.attachmentIds?.length ? { attachmentIds: local.attachmentIds } : {}),
            },
          }),
        ),
      onChange: (local) => {
        if (local.message) this.store.upsert(local.message);
        this.emitter.emit('outbox', local);
      },
      retry: reconnect,
    });

    this.syncer = new Sync({
      storage: this.storage,
      key: () => this.userKey('cursors'),
      api: {
        listConversations: (cursor, archived) =>
          unwrap(
            this.api.GET('/api/v1/conversations', {
              params: { query: { ...(cursor ? { cursor } : {}), ...(archived ? { archived: true } : {}) } },
            }),
          ),
        listChanges: (conversationId, since) =>
          unwrap(
            this.api.GET('/api/v1/conversations/{conversationId}/changes', {
              params: { path: { conversationId }, query: since ? { since, limit: 100 } : {} },
            }),
          ),
        latestMessages: async (conversationId) =>
          (
            await unwrap(
              this.api.GET('/api/v1/conversations/{conversationId}/messages', {
                params: { path: { conversationId }, query: { limit: 50 } },
              }),
            )
          ).items,
      },
      mark: () => this.store.mark(),
      onConversations: (conversations, mark) => {
        this.store.applyConversations(conversations, mark);
        this.emitter.emit('conversations', conversations);
      },
      onBatch: (batch) => {
        this.store.applyBatch(batch);
        for (const message of batch.messages) {
          if (message.clientMessageId) void this.outbox.resolve(message);
        }
        this.emitter.emit('sync', batch);
        this.acknowledge(batch.messages);
      },
    });

    // Browsers announce when the network comes back: reconnect at once instead of waiting out the backoff.
    const target = globalThis as {
      addEventListener?: (type: string, listener: () => void) => void;
      removeEventListener?: (type: string, listener: () => void) => void;
    };
    if (typeof target.addEventListener === 'function' && 'document' in globalThis) {
      const online = () => this.socket.reconnectNow();
      target.addEventListener('online', online);
      this.stopListening = () => target.removeEventListener?.('online', online);
    }
  }

  /** Reads the session, the cursors and the unsent messages kept in storage by an earlier run. */
  async restore(): Promise<void> {
    await this.session.load();
    await this.outbox.load();
  }

  // ---- session ----

  get userId(): string | null {
    return this.session.userId;
  }

  get loggedIn(): boolean {
    return this.session.loggedIn;
  }

  async signup(body: SignupBody): Promise<Me> {
    return unwrap(this.api.POST('/api/v1/auth/signup', { body })) as Promise<Me>;
  }

  /** Logs in and keeps the token pair; returns the user. */
  async login(body: LoginBody): Promise<Me> {
    const result = await unwrap(this.api.POST('/api/v1/auth/login', { body }));
    await this.session.adopt({ ...result, userId: result.user.id });
    await this.outbox.load();
    this.outbox.restart();
    return result.user as Me;
  }

  /** Exchanges the refresh token for a new pair now (it also happens by itself when needed). */
  async refresh(): Promise<void> {
    await this.session.refresh();
  }

  /** Ends the session on the server and forgets its tokens; the socket closes. */
  async logout(): Promise<void> {
    this.socket.stop();
    this.outbox.stop();
    try {
      if (this.session.loggedIn) await unwrap(this.api.POST('/api/v1/auth/logout'));
    } finally {
      await this.session.clear('LOGGED_OUT');
    }
  }

  // ---- real time ----

  get connectionState(): ConnectionState {
    return this.socket.connectionState;
  }

  /** Opens the socket and keeps it open (reconnecting by itself) until disconnect(). */
  connect(): void {
    this.outbox.restart();
    this.socket.start();
  }

  /** Closes the socket and stops reconnecting; unsent messages wait in storage. */
  disconnect(): void {
    this.socket.stop();
    this.outbox.stop();
  }

  /** Disconnects and drops browser listeners: the client is not used again. */
  close(): void {
    this.disconnect();
    this.stopListening();
  }

  on<K extends keyof ChatEventMap>(type: K, handler: (data: ChatEventMap[K]) => void): () => void {
    return this.emitter.on(type, handler);
  }

  /** Resolves with the next event of this type that matches (for scripts and tests). */
  next<K extends keyof ChatEventMap>(
    type: K,
    match: (data: ChatEventMap[K]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<ChatEventMap[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no "${String(type)}" event within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.emitter.on(type, (data) => {
        if (!match(data)) return;
        clearTimeout(timer);
        off();
        resolve(data);
      });
    });
  }

  /** Tells the conversation's other members that you are typing (send every ~3 s while typing). */
  typing(conversationId: string): boolean {
    return this.socket.send({ type: 'typing', data: { conversationId } });
  }

  /** Runs the catch-up now (it also runs after every connect). */
  sync(): Promise<void> {
    return this.syncer.run();
  }

  // ---- messages ----

  /**
   * Sends a message through the outbox: returns the local copy at once (state `pending`, with its
   * clientMessageId); the `outbox` event says when it is `sent` (with the server's message) or `failed`.
   */
  send(
    conversationId: string,
    body: { content: string; replyToId?: string; attachmentIds?: string[] },
  ): Promise<LocalMessage> {
    return this.outbox.enqueue(conversationId, body);
  }

  /** Messages not yet confirmed by the server, oldest first. */
  pending(conversationId?: string): LocalMessage[] {
    return this.outbox.pending(conversationId);
  }

  /**
   * Uploads a photo, voice note, video or file to a conversation (multipart field `file`); put the
   * returned `id` in `attachmentIds` of a message within a day. The server decides the kind from the
   * bytes; `name` is the file name shown to others (a File's own name by default).
   */
  async uploadAttachment(conversationId: string, file: Blob, name?: string): Promise<Attachment> {
    const form = new FormData();
    const fileName = name ?? (file as Blob & { name?: string }).name ?? 'file';
    form.append('file', file, fileName);
    return unwrap(
      this.api.POST('/api/v1/conversations/{conversationId}/attachments', {
        params: { path: { conversationId } },
        // openapi-fetch passes FormData through; fetch sets the multipart boundary.
        body: form as never,
        bodySerializer: (body: unknown) => body as FormData,
      }),
    );
  }

  /** Marks the conversation read up to this message; returns the new unread count. */
  async markRead(conversationId: string, messageId: string): Promise<number> {
    const result = await unwrap(
      this.api.POST('/api/v1/conversations/{conversationId}/read', {
        params: { path: { conversationId } },
        body: { messageId },
      }),
    );
    return result.unreadCount;
  }

  /** Edits my message (its sender only, within the server's edit window); returns it with `editedAt`. */
  async editMessage(conversationId: string, messageId: string, content: string): Promise<Message> {
    const message = await editMessage(this.api, conversationId, messageId, content);
    this.store.upsert(message);
    return message;
  }

  /** Sets my reaction to a message (replacing the one I had), or removes it with `null`. */
  async react(conversationId: string, messageId: string, emoji: string | null): Promise<Message> {
    const message = await setReaction(this.api, conversationId, messageId, emoji);
    this.store.upsert(message);
    return message;
  }

  /** Messages I may read that hold every word of `q`, newest first, in all my chats or in one. */
  searchMessages(query: SearchQuery): Promise<SearchPage> {
    return searchMessages(this.api, query);
  }

  // ---- my settings: chats, blocks, privacy ----

  /** Pins, archives or mutes a chat for me (at most 5 pinned: a sixth is an ApiError with status 409). */
  updateChatSettings(conversationId: string, changes: ChatSettingsChanges): Promise<ChatSettings> {
    return updateChatSettings(this.api, conversationId, changes);
  }

  blockUser(userId: string): Promise<BlockedUser> {
    return blockUser(this.api, userId);
  }

  unblockUser(userId: string): Promise<void> {
    return unblockUser(this.api, userId);
  }

  /** Everyone I blocked (all pages). */
  blockedUsers(): Promise<BlockedUser[]> {
    return listBlockedUsers(this.api);
  }

  privacy(): Promise<Privacy> {
    return getPrivacy(this.api);
  }

  updatePrivacy(changes: PrivacyChanges): Promise<Privacy> {
    return updatePrivacy(this.api, changes);
  }

  // ---- push ----

  /**
   * Subscribes the browser for Web Push and registers the subscription (`registration.pushManager`): while
   * no socket of yours is open, messages arrive as pushes for the service worker to show.
   */
  registerPush(pushManager: PushManagerLike): Promise<PushSubscriptionInfo> {
    return registerPush(this.api, pushManager);
  }

  /** Removes a device's subscription (its `id` from registerPush). */
  async unregisterPush(subscriptionId: string): Promise<void> {
    await unwrap(
      this.api.DELETE('/api/v1/push/subscriptions/{subscriptionId}', {
        params: { path: { subscriptionId } },
      }),
    );
  }

  // ---- internals ----

  private received(frame: ServerEvent | { type: string; data: unknown }): void {
    const event = frame as ServerEvent;
    switch (event.type) {
      case 'ready':
        // Socket first, then catch-up: nothing that happens during the catch-up is missed.
        void this.syncer.run().catch(() => {});
        void this.loadBlockList().catch(() => {});
        void this.outbox.flush();
        break;
      case 'message.created':
        this.store.upsert(event.data);
        // A message that passes mine the sender never acknowledged: ask the server how it counts them.
        if (!this.store.senderRead(event.data)) {
          void this.syncer.refresh(event.data.conversationId).catch(() => {});
        }
        if (event.data.clientMessageId && event.data.senderId === this.session.userId) {
          void this.outbox.resolve(event.data);
        }
        this.acknowledge([event.data]);
        break;
      case 'message.updated':
        this.store.upsert(event.data);
        break;
      case 'message.deleted':
        this.store.deleted(event.data);
        break;
      case 'receipt.updated':
        this.store.receipt(event.data);
        break;
      case 'conversation.created':
        void this.syncer.follow(event.data.id).catch(() => {});
        break;
      case 'participant.added':
        if (event.data.userId === this.session.userId) {
          void this.syncer.follow(event.data.conversationId).catch(() => {});
        }
        break;
      case 'conversation.deleted':
        if (event.data.deletedFor === 'everyone') this.store.forget(event.data.conversationId);
        break;
      case 'participant.removed':
        if (event.data.userId === this.session.userId) this.store.forget(event.data.conversationId);
        break;
      case 'settings.updated':
        this.store.settingsUpdated(event.data);
        break;
      case 'user.blocked':
        this.store.userBlocked(event.data);
        break;
      case 'user.unblocked':
        this.store.userUnblocked(event.data);
        break;
      case 'resync':
        // The server may have dropped events for this socket: catch up as after a reconnect.
        void this.syncer.run().catch(() => {});
        void this.loadBlockList().catch(() => {});
        break;
    }
    this.emitter.emit('frame', event);
    this.emitter.emit(event.type, event.data as never);
  }

  /** My block list into the store (after every connect, as the catch-up). */
  private async loadBlockList(): Promise<void> {
    const mark = this.store.mark();
    this.store.applyBlockList(await this.blockedUsers(), mark);
  }

  /** One ack per conversation, for its newest message from someone else. */
  private acknowledge(messages: Message[]): void {
    if (!this.autoAck) return;
    const newest = new Map<string, Message>();
    for (const message of messages) {
      if (message.senderId === this.session.userId || message.deleted) continue;
      const known = newest.get(message.conversationId);
      if (!known || known.seq < message.seq) newest.set(message.conversationId, message);
    }
    for (const message of newest.values()) {
      this.socket.send({
        type: 'ack',
        data: { messageId: message.id, conversationId: message.conversationId },
      });
    }
  }

  private sessionChanged(change: SessionChange): void {
    if (!change.loggedIn) {
      this.socket.stop();
      this.outbox.stop();
    }
    this.emitter.emit('session', change);
  }

  private userKey(kind: string): string | null {
    const userId = this.session.userId;
    return userId ? `${this.prefix}:${userId}:${kind}` : null;
  }
}

/** Creates a client and loads what its storage kept (session, cursors, unsent messages). */
export async function createChatClient(options: ChatClientOptions = {}): Promise<ChatClient> {
  const client = new ChatClient(options);
  await client.restore();
  return client;
}
