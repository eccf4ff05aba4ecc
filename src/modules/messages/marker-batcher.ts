// Group commit for marker moves (db/group-commit.ts): acks, reads and the delivery marks of history and
// sync reads that arrive while a batch is on its way go together, up to MAX_BATCH, in one transaction and
// one round trip: the conversations' locks in id order (the send batch's lock statement), then one
// statement that moves every marker (read-state-queries.ts). The locks are held for the server's own work
// and one commit, never across a round trip, so the members of a group acknowledging a message together
// queue for one WAL flush instead of one lock and flush each.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { GroupCommit } from '../../db/group-commit.js';
import { transactionInOneTrip } from '../../db/one-trip.js';
import { isDatabaseUnavailable } from '../../lib/pg-errors.js';
import { type BatchedMarkerMove, type MarkerMoveResult, markerBatchStatement } from './read-state-queries.js';
import { lockConversationsCall } from './send-queries.js';

/** Moves per statement: a group of a hundred acknowledging one message fits in two. */
const MAX_BATCH = 64;

export interface MarkerMove {
  conversationId: string;
  userId: string;
  /** Read up to seq (delivered with it), or only delivered up to seq. */
  kind: 'read' | 'delivered';
  seq: number;
}

export interface MarkerOutcome {
  /** The conversation exists and is not deleted (otherwise nothing moved). */
  found: boolean;
  /** The member's row moved forward in this batch. */
  moved: boolean;
  /**
   * This move is the first of its member in the batch and the row moved: its caller announces the new
   * state (receipt.updated), once for all of that member's moves merged into the batch.
   */
  announce: boolean;
  /**
   * With `announce`, in a group: the messages whose ticks may have changed, by seq: after the lower of
   * the member's two markers before the batch, up to the higher one after it. Null in a direct chat (the
   * other member hears every move there).
   */
  passed: PassedSeqs | null;
}

/** The seqs of the messages a move passed: after `after`, up to `upTo`. */
export interface PassedSeqs {
  after: number;
  upTo: number;
}

const memberKey = (move: MarkerMove) => `${move.conversationId.toLowerCase()}\n${move.userId}`;

async function writeMoves(db: Db, batch: MarkerMove[]): Promise<MarkerOutcome[]> {
  const input: BatchedMarkerMove[] = batch.map((move, n) => ({
    n,
    conversation_id: move.conversationId,
    user_id: move.userId,
    read_seq: move.kind === 'read' ? move.seq : null,
    delivered_seq: move.kind === 'delivered' ? move.seq : null,
  }));
  const [, written] = await transactionInOneTrip(db, [
    lockConversationsCall(batch.map((move) => move.conversationId)),
    { statement: markerBatchStatement, args: [JSON.stringify(input)] },
  ]);
  const results = new Map((written!.rows as MarkerMoveResult[]).map((row) => [row.n, row]));
  const announced = new Set<string>();
  return batch.map((move, n) => {
    const result = results.get(n);
    const moved = result?.moved ?? false;
    const key = memberKey(move);
    const announce = moved && !announced.has(key);
    if (announce) announced.add(key);
    const passed =
      result?.in_group && result.moved_from !== null && result.moved_to !== null
        ? { after: result.moved_from, upTo: result.moved_to }
        : null;
    return { found: result?.found ?? false, moved, announce, passed };
  });
}

function batcher(db: Db, log: FastifyBaseLogger) {
  return new GroupCommit<MarkerMove, MarkerOutcome>(async (batch) => {
    try {
      return await writeMoves(db, batch);
    } catch (error) {
      if (isDatabaseUnavailable(error) || batch.length === 1) throw error;
      // Nothing was written (the transaction rolled back). Each move goes again on its own, so one that
      // the server refuses fails alone.
      log.warn({ err: error, moves: batch.length }, 'a batch of marker moves failed; moving them one by one');
      const outcomes: (MarkerOutcome | Error)[] = [];
      for (const move of batch) {
        try {
          outcomes.push((await writeMoves(db, [move]))[0]!);
        } catch (alone) {
          outcomes.push(alone instanceof Error ? alone : new Error(String(alone)));
        }
      }
      return outcomes;
    }
  }, MAX_BATCH);
}

const batchers = new WeakMap<object, GroupCommit<MarkerMove, MarkerOutcome>>();

/**
 * Moves a member's marker forward (never back) under the conversation's lock, batched with the moves
 * around it; resolves after the COMMIT.
 */
export function moveMarker(
  owner: { db: Db; log: FastifyBaseLogger },
  move: MarkerMove,
): Promise<MarkerOutcome> {
  let commits = batchers.get(owner);
  if (!commits) {
    commits = batcher(owner.db, owner.log);
    batchers.set(owner, commits);
  }
  return commits.submit(move);
}
