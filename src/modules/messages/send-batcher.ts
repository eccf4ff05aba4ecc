// Group commit for sends (db/group-commit.ts): text sends that arrive while a batch is on its way go
// together, up to MAX_BATCH, in one transaction and one round trip (send-queries.ts): the conversations'
// locks in id order, then one statement that decides each send on its own and writes the accepted ones.
// Every caller hears its own outcome only after the COMMIT. So an idle server adds no wait to a send, and a
// busy one pays one round trip, one statement and one commit (one WAL flush) for many sends instead of five
// round trips and a commit each.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { GroupCommit } from '../../db/group-commit.js';
import { transactionInOneTrip } from '../../db/one-trip.js';
import { isDatabaseUnavailable } from '../../lib/pg-errors.js';
import {
  type BatchedSend,
  type BatchResult,
  lockConversationsCall,
  readBatchResults,
  sendBatchStatement,
} from './send-queries.js';

/** Sends per statement: enough to drain the queue of a busy server, small enough to keep a batch short. */
const MAX_BATCH = 64;

export interface SendRequest {
  /** The new message's id, chosen by the caller. */
  id: string;
  conversationId: string;
  senderId: string;
  content: string;
  clientMessageId: string | null;
  replyToId: string | null;
}

export type SendOutcome =
  /** What the statement decided for this send (written, or refused with a reason, or an earlier copy). */
  | { kind: 'decided'; result: BatchResult }
  /**
   * A send of the same clientMessageId by the same sender was on its way in this process and was written:
   * this is its message, and nothing more was written.
   */
  | { kind: 'same'; result: BatchResult }
  /** The batch failed as a whole (the server refused it; nothing was written): decide this send alone. */
  | { kind: 'alone' };

export class SendBatcher {
  private readonly commits = new GroupCommit<SendRequest, SendOutcome>(
    (batch) => this.decide(batch),
    MAX_BATCH,
  );
  /** Sends with a clientMessageId that are queued or on their way, by conversation, sender and id. */
  private readonly pending = new Map<string, Promise<SendOutcome>>();

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Resolves once the send's batch has committed (or was refused as a whole); rejects when the database
   * could not be reached, in which case the send may or may not have been written.
   */
  submit(send: SendRequest): Promise<SendOutcome> {
    const key =
      send.clientMessageId === null
        ? null
        : `${send.conversationId.toLowerCase()}\n${send.senderId}\n${send.clientMessageId}`;
    const earlier = key === null ? undefined : this.pending.get(key);
    if (earlier) {
      // A retry that overtook its first attempt (both in the same batch, or this one in the next): it
      // waits for it instead of racing it, and answers with its message. If the first was not written,
      // this one is decided on its own.
      return earlier.then(
        (first): SendOutcome | Promise<SendOutcome> =>
          first.kind !== 'alone' && first.result.outcome === 'sent'
            ? { kind: 'same', result: first.result }
            : this.submit(send),
        () => this.submit(send),
      );
    }
    const outcome = this.commits.submit(send);
    if (key !== null) {
      this.pending.set(key, outcome);
      const forget = () => {
        if (this.pending.get(key) === outcome) this.pending.delete(key);
      };
      outcome.then(forget, forget);
    }
    return outcome;
  }

  /** Each send's outcome, in batch order; an Error when the database could not be reached. */
  private async decide(batch: SendRequest[]): Promise<(SendOutcome | Error)[]> {
    try {
      const [, written] = await transactionInOneTrip(this.db, [
        lockConversationsCall(batch.map((send) => send.conversationId)),
        {
          statement: sendBatchStatement,
          args: [JSON.stringify(batch.map((send, n) => asBatched(send, n)))],
        },
      ]);
      const byPosition = new Map(readBatchResults(written!.rows).map((result) => [result.n, result]));
      return batch.map((_, n): SendOutcome => {
        const result = byPosition.get(n);
        return result ? { kind: 'decided', result } : { kind: 'alone' };
      });
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        const failure = error instanceof Error ? error : new Error(String(error));
        return batch.map(() => failure);
      }
      // Nothing was written (the transaction rolled back). Each send then takes the one-at-a-time path,
      // which reports its own error, if it has one, as it always did.
      this.log.warn({ err: error, sends: batch.length }, 'a batch of sends failed; sending them one by one');
      return batch.map((): SendOutcome => ({ kind: 'alone' }));
    }
  }
}

/**
 * A lone surrogate (half of an emoji, cut) is written as U+FFFD, as the driver's UTF-8 encoding writes it
 * on the one-at-a-time path; JSON would escape it as \udXXX, which jsonb refuses.
 */
const wellFormed = (text: string) => text.replace(/\p{Cs}/gu, '\uFFFD');

function asBatched(send: SendRequest, n: number): BatchedSend {
  return {
    n,
    id: send.id,
    conversation_id: send.conversationId,
    sender_id: send.senderId,
    content: wellFormed(send.content),
    client_message_id: send.clientMessageId === null ? null : wellFormed(send.clientMessageId),
    reply_to_id: send.replyToId,
  };
}

const batchers = new WeakMap<object, SendBatcher>();

/** The batcher of one app (each app, and each test app, has its own queue). */
export function sendBatcherOf(owner: { db: Db; log: FastifyBaseLogger }): SendBatcher {
  let batcher = batchers.get(owner);
  if (!batcher) {
    batcher = new SendBatcher(owner.db, owner.log);
    batchers.set(owner, batcher);
  }
  return batcher;
}
