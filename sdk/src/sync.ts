// Catch-up after every (re)connect, as the protocol describes it: list the conversations, and for each
// whose syncCursor moved since the one stored, fetch what changed (following nextCursor), hand it to the
// app, then store the new cursor. A conversation that is new to this device brings its latest messages.
import { type KeyValueStorage, readJson, writeJson } from './storage.js';
import type { ConversationSummary, Message, ReadState } from './types.js';

/** What changed in one conversation while this device was away (or, for a new one, its latest messages). */
export interface SyncBatch {
  conversationId: string;
  /** New, edited and deleted (tombstone: `deleted: true`, content null) messages, oldest change first. */
  messages: Message[];
  /** Messages the user hid for themselves on another device: remove them. */
  hiddenMessageIds: string[];
  /** Every member's current delivered and read markers. */
  readStates: ReadState[];
  syncCursor: string;
}

export interface SyncApi {
  /** One page of my chats: the default list, or the archived ones (which it leaves out). */
  listConversations(
    cursor: string | null,
    archived: boolean,
  ): Promise<{ items: ConversationSummary[]; nextCursor: string | null }>;
  listChanges(
    conversationId: string,
    since: string | undefined,
  ): Promise<{
    items: Message[];
    hiddenMessageIds: string[];
    readStates: ReadState[];
    nextCursor: string | null;
    syncCursor: string;
  }>;
  latestMessages(conversationId: string): Promise<Message[]>;
}

export interface SyncOptions {
  api: SyncApi;
  storage: KeyValueStorage;
  /** Storage key of the logged-in user's cursors; null when logged out. */
  key: () => string | null;
  /** Called before the lists are requested; its result comes back with them in onConversations. */
  mark: () => number;
  /** Every chat of mine (the default list, then the archived chats), as listed after `mark` was taken. */
  onConversations: (conversations: ConversationSummary[], mark: number) => void;
  onBatch: (batch: SyncBatch) => void | Promise<void>;
}

type Cursors = Record<string, string>;

export class Sync {
  private running: Promise<void> | null = null;
  private again = false;
  /** The stored cursors, loaded once per user; null until then. */
  private cursors: { key: string; map: Cursors; existed: boolean } | null = null;

  constructor(private readonly options: SyncOptions) {}

  /** Runs a catch-up; a call made while one runs queues exactly one more run after it. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.catchUp();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /**
   * A conversation appeared live (created, or we were added): remember where it stands now, so the next
   * catch-up asks for its changes rather than treating it as new. Its messages arrive on the socket.
   */
  async follow(conversationId: string): Promise<void> {
    const cursors = await this.load();
    if (!cursors || cursors.map[conversationId] !== undefined) return;
    const now = await this.options.api.listChanges(conversationId, undefined);
    if (cursors.map[conversationId] !== undefined) return;
    cursors.map[conversationId] = now.syncCursor;
    await writeJson(this.options.storage, cursors.key, cursors.map);
  }

  /**
   * Catches up one conversation now: what changed since its stored cursor (or, for one not followed yet,
   * where it stands), with every member's read state as the server counts it for me.
   */
  async refresh(conversationId: string): Promise<void> {
    const cursors = await this.load();
    if (!cursors) return;
    const since = cursors.map[conversationId];
    const batch =
      since !== undefined
        ? await this.changesSince(conversationId, since)
        : await this.baseline(conversationId, false);
    await this.options.onBatch(batch);
    cursors.map[conversationId] = batch.syncCursor;
    await writeJson(this.options.storage, cursors.key, cursors.map);
  }

  private async load(): Promise<{ key: string; map: Cursors; existed: boolean } | null> {
    const key = this.options.key();
    if (!key) return null;
    if (this.cursors?.key !== key) {
      const stored = await readJson<Cursors>(this.options.storage, key);
      if (this.cursors?.key !== key) this.cursors = { key, map: stored ?? {}, existed: stored !== null };
    }
    return this.cursors;
  }

  private async catchUp(): Promise<void> {
    const cursors = await this.load();
    if (!cursors) return;
    const mark = this.options.mark();
    const conversations = await this.allConversations();
    this.options.onConversations(conversations, mark);
    const listed = new Set(conversations.map((conversation) => conversation.id));
    // Conversations left or deleted drop out of the stored cursors.
    for (const id of Object.keys(cursors.map)) if (!listed.has(id)) delete cursors.map[id];
    await writeJson(this.options.storage, cursors.key, cursors.map);
    const firstSync = !cursors.existed;
    cursors.existed = true;
    for (const conversation of conversations) {
      const known = cursors.map[conversation.id];
      if (known === conversation.syncCursor) continue;
      // First sync on this device: the app loads history as it needs it; later, a conversation that
      // appeared while away brings its latest messages, since no event of it was ever received.
      const batch =
        known !== undefined
          ? await this.changesSince(conversation.id, known)
          : await this.baseline(conversation.id, !firstSync);
      await this.options.onBatch(batch);
      cursors.map[conversation.id] = batch.syncCursor;
      await writeJson(this.options.storage, cursors.key, cursors.map);
    }
  }

  /** Every chat of mine: the default list, then the archived chats, which it leaves out. */
  private async allConversations(): Promise<ConversationSummary[]> {
    const all: ConversationSummary[] = [];
    for (const archived of [false, true]) {
      let cursor: string | null = null;
      do {
        const page = await this.options.api.listConversations(cursor, archived);
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
    }
    return all;
  }

  private async changesSince(conversationId: string, since: string): Promise<SyncBatch> {
    const batch: SyncBatch = {
      conversationId,
      messages: [],
      hiddenMessageIds: [],
      readStates: [],
      syncCursor: since,
    };
    let cursor: string | null = since;
    while (cursor) {
      const page = await this.options.api.listChanges(conversationId, cursor);
      batch.messages.push(...page.items);
      batch.hiddenMessageIds.push(...page.hiddenMessageIds);
      batch.readStates = page.readStates;
      batch.syncCursor = page.syncCursor;
      cursor = page.nextCursor;
    }
    return batch;
  }

  private async baseline(conversationId: string, withMessages: boolean): Promise<SyncBatch> {
    // The cursor first: anything sent after it comes with the next sync (twice at worst, harmlessly).
    const now = await this.options.api.listChanges(conversationId, undefined);
    const messages = withMessages ? (await this.options.api.latestMessages(conversationId)).reverse() : [];
    return {
      conversationId,
      messages,
      hiddenMessageIds: [],
      readStates: now.readStates,
      syncCursor: now.syncCursor,
    };
  }
}
