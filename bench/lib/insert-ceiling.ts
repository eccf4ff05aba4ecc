// The send ceiling: the same message row the server writes, inserted by as many concurrent callers
// through the same driver and pool (Drizzle over a pg.Pool), with no HTTP.
import type { Db } from '../../src/db/client.js';
import { messages } from '../../src/db/schema.js';
import { uuidv7 } from '../../src/lib/ids.js';
import { type Summary, summarize } from './stats.js';

export interface CeilingResult {
  inserts: number;
  seconds: number;
  perSecond: number;
  latency: Summary;
}

export async function measureInsertCeiling(
  db: Db,
  options: { workers: number; conversationIds: string[]; senderId: string; content: string; seconds: number },
): Promise<CeilingResult> {
  const nextSeq = new Map(options.conversationIds.map((id) => [id, 0]));
  const insertOne = async (conversationId: string) => {
    const seq = nextSeq.get(conversationId)! + 1;
    nextSeq.set(conversationId, seq);
    // The row a send inserts (insertMessageAndMoveMarkers in src/modules/messages/queries.ts), as a
    // plain single-row insert, returning() included.
    await db
      .insert(messages)
      .values({
        id: uuidv7(),
        conversationId,
        seq,
        senderId: options.senderId,
        content: options.content,
        clientMessageId: null,
        replyToId: null,
      })
      .returning();
  };
  const run = async (seconds: number, samples: number[] | null) => {
    const deadline = performance.now() + seconds * 1000;
    const worker = async (index: number) => {
      const conversationId = options.conversationIds[index % options.conversationIds.length]!;
      while (performance.now() < deadline) {
        const startedAt = performance.now();
        await insertOne(conversationId);
        samples?.push(performance.now() - startedAt);
      }
    };
    await Promise.all(Array.from({ length: options.workers }, (_, i) => worker(i)));
  };
  await run(1, null);
  const samples: number[] = [];
  const startedAt = performance.now();
  await run(options.seconds, samples);
  const seconds = (performance.now() - startedAt) / 1000;
  return {
    inserts: samples.length,
    seconds,
    perSecond: samples.length / seconds,
    latency: summarize(samples),
  };
}
