// Group commit: writes that arrive while one is on its way to the database go together in the next
// transaction. A write leaves at once when none is on its way, so an idle server adds no wait; a busy one
// pays one round trip and one commit (one WAL flush) for many writes. One batch is on its way at a time;
// the next leaves as soon as it is back, before its callers run, so the database works on it while they
// publish and answer. Sends (messages/send-batcher.ts) and marker moves (messages/marker-batcher.ts) each
// have their own queue. Reads that many callers ask at once (requests checking sessions the cache does not
// hold, in modules/auth/access-tokens.ts; a burst of sockets opening, in realtime/admission.ts, or closing,
// in core/privacy.ts) use it the same way: one statement for every ask that queued while the previous one
// was out; so do the last-seen stamps of sockets closing together (realtime/queries.ts).

/**
 * Writes one batch in one transaction; resolves with each item's outcome, in batch order (an Error for an
 * item fails that caller alone). Rejecting fails every caller of the batch.
 */
export type WriteBatch<Item, Outcome> = (batch: Item[]) => Promise<(Outcome | Error)[]>;

interface Queued<Item, Outcome> {
  item: Item;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

export class GroupCommit<Item, Outcome> {
  private queue: Queued<Item, Outcome>[] = [];
  private onItsWay = false;

  constructor(
    private readonly write: WriteBatch<Item, Outcome>,
    /** Items per transaction: enough to drain the queue of a busy server, few enough to keep one short. */
    private readonly maxBatch: number,
  ) {}

  /** Resolves once the item's batch has committed; every caller hears its outcome only after the COMMIT. */
  submit(item: Item): Promise<Outcome> {
    const outcome = new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
    });
    this.pump();
    return outcome;
  }

  private pump(): void {
    if (this.onItsWay || this.queue.length === 0) return;
    this.onItsWay = true;
    const batch = this.queue.splice(0, this.maxBatch);
    void this.run(batch);
  }

  private async run(batch: Queued<Item, Outcome>[]): Promise<void> {
    let outcomes: (Outcome | Error)[] | null = null;
    let failure: unknown = null;
    try {
      outcomes = await this.write(batch.map((queued) => queued.item));
    } catch (error) {
      failure = error;
    }
    this.onItsWay = false;
    this.pump();
    batch.forEach((queued, n) => {
      const outcome = outcomes ? outcomes[n] : undefined;
      if (outcomes === null) queued.reject(failure);
      else if (outcome instanceof Error) queued.reject(outcome);
      else if (outcome === undefined) queued.reject(new Error('a batched write returned no outcome'));
      else queued.resolve(outcome);
    });
  }
}
