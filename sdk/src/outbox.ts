// Messages the user sent that the server has not confirmed yet. Each gets a clientMessageId at once and is
// kept in storage until the server's copy arrives (its answer or the socket's echo), so retries after a
// failure, a reconnect or a page reload reuse the same id and the server never stores a duplicate.
import { ApiError, isRetryable, NetworkError } from './errors.js';
import { backoffDelay, type ReconnectOptions } from './socket.js';
import { type KeyValueStorage, readJson, writeJson } from './storage.js';
import type { Message } from './types.js';

export type LocalMessageState = 'pending' | 'sent' | 'failed';

export interface LocalMessage {
  clientMessageId: string;
  conversationId: string;
  content: string;
  replyToId: string | null;
  /** Uploads (uploadAttachment) the message carries; then `content` is the caption and may be empty. */
  attachmentIds?: string[];
  /** When the user sent it, on this device's clock. */
  createdAt: string;
  state: LocalMessageState;
  attempts: number;
  /** The server's message, once it is stored. */
  message: Message | null;
  /** Why it failed for good (a rule, not the network): `state` is then `failed`. */
  error: { code: string; message: string } | null;
}

export interface OutboxOptions {
  storage: KeyValueStorage;
  /** The storage key for the logged-in user's outbox; null when logged out. */
  key: () => string | null;
  post: (local: LocalMessage) => Promise<Message>;
  onChange: (local: LocalMessage) => void;
  retry: Required<ReconnectOptions>;
  /** A send with no answer after this long counts as lost and is retried (default 15 s). */
  sendTimeoutMs?: number;
}

/**
 * A request cut off by the network may never settle (a browser going offline mid-request): without a
 * deadline the outbox would wait on it forever and nothing queued behind it would go out.
 */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NetworkError(`No answer to the send within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export function newClientMessageId(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class Outbox {
  private queue: LocalMessage[] = [];
  private flushing: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private stopped = false;

  constructor(private readonly options: OutboxOptions) {}

  /** Reads the pending messages kept by an earlier run (a page reload, a restarted bot). */
  async load(): Promise<void> {
    const key = this.options.key();
    this.queue = key ? ((await readJson<LocalMessage[]>(this.options.storage, key)) ?? []) : [];
  }

  /** Messages not yet confirmed by the server, oldest first. */
  pending(conversationId?: string): LocalMessage[] {
    return this.queue.filter((local) => !conversationId || local.conversationId === conversationId);
  }

  async enqueue(
    conversationId: string,
    body: { content: string; replyToId?: string; attachmentIds?: string[] },
  ): Promise<LocalMessage> {
    const local: LocalMessage = {
      clientMessageId: newClientMessageId(),
      conversationId,
      content: body.content,
      replyToId: body.replyToId ?? null,
      ...(body.attachmentIds?.length ? { attachmentIds: body.attachmentIds } : {}),
      createdAt: new Date().toISOString(),
      state: 'pending',
      attempts: 0,
      message: null,
      error: null,
    };
    this.queue.push(local);
    await this.persist();
    this.options.onChange(local);
    void this.flush();
    return local;
  }

  /** The server's copy arrived (answer or echo): the local message is sent. False if it was not ours. */
  async resolve(message: Message): Promise<boolean> {
    const local = this.queue.find((item) => item.clientMessageId === message.clientMessageId);
    if (!local || !message.clientMessageId) return false;
    this.queue = this.queue.filter((item) => item !== local);
    await this.persist();
    this.options.onChange({ ...local, state: 'sent', message, error: null });
    return true;
  }

  /** Sends what is pending, in order; one run at a time. Failures that may pass are retried later. */
  flush(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.flushing ??= this.sendAll().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Stops retrying (the pending messages stay in storage for the next run). */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Lets a stopped outbox send again (a new session or a new start). */
  restart(): void {
    this.stopped = false;
    this.failures = 0;
    void this.flush();
  }

  private async sendAll(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    for (;;) {
      const local = this.queue[0];
      if (!local || this.stopped) return;
      local.attempts += 1;
      try {
        const message = await withDeadline(this.options.post(local), this.options.sendTimeoutMs ?? 15_000);
        this.failures = 0;
        await this.resolve(message);
      } catch (error) {
        if (isRetryable(error)) {
          await this.persist();
          this.scheduleRetry();
          return;
        }
        if (error instanceof ApiError && error.status === 401) {
          // Logged out meanwhile: keep it for the next session of this user (restart() after login).
          await this.persist();
          return;
        }
        // A rule refused it (422, 403, 404, ...): trying again would get the same answer.
        this.queue = this.queue.filter((item) => item !== local);
        await this.persist();
        const reason = error as { code?: string; message?: string };
        this.options.onChange({
          ...local,
          state: 'failed',
          error: { code: reason.code ?? 'UNKNOWN', message: reason.message ?? String(error) },
        });
      }
    }
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.failures, this.options.retry);
    this.failures += 1;
    this.retryTimer = setTimeout(() => void this.flush(), delay);
  }

  private async persist(): Promise<void> {
    const key = this.options.key();
    if (!key) return;
    if (this.queue.length === 0) await this.options.storage.remove(key);
    else await writeJson(this.options.storage, key, this.queue);
  }
}
