// Users who behave like chat clients: each keeps a WebSocket open, sends a message into one of their
// chats now and then (with jitter), acknowledges every message it receives (`ack` frame) and, a moment
// later, marks the chat read (`POST /conversations/:id/read`). Delivery latency is measured from the
// moment the sender starts its POST to the moment the frame arrives at each recipient's socket.
import type WebSocket from 'ws';
import { type BenchUser, call, createDirect, createGroup, messagesPath } from './api-client.js';
import { chatsFor, jitterMs } from './capacity-plan.js';
import { mapLimit, sleep } from './progress.js';
import { type Summary, summarize } from './stats.js';
import { closeSockets, openSockets, wsUrlOf } from './ws-clients.js';

export interface ChatBehaviour {
  /** Seconds between one user's messages: uniform in [min, max]. */
  sendInterval: [number, number];
  /** Seconds from receiving a message to marking its chat read: uniform in [min, max]. */
  readDelay: [number, number];
}

interface Chat {
  id: string;
  members: number[];
}

interface SentMessage {
  at: number;
  expected: number;
  received: number;
}

type Failures = { sends: number; reads: number; errorFrames: number; socketsDropped: number };

export interface PopulationStep {
  messages: number;
  sendsPerSecond: number;
  /** Latency of the send POST itself (start to 201). */
  send: Summary;
  /** Send start to the frame at each recipient's socket. */
  delivery: Summary;
  acks: number;
  reads: number;
  failures: Failures & { missing: number };
  errors: number;
  firstError: string | null;
}

const MARKER = 'Capacity ';

export class ChatPopulation {
  private readonly sockets: WebSocket[] = [];
  private readonly chatsOf: Chat[][] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly pendingReads = new Map<string, string>();
  private readonly sendTimers = new Set<NodeJS.Timeout>();
  private sent = new Map<number, SentMessage>();
  private deliveries: number[] = [];
  private sendLatencies: number[] = [];
  private failures: Failures = { sends: 0, reads: 0, errorFrames: 0, socketsDropped: 0 };
  private firstError: string | null = null;
  private acks = 0;
  private reads = 0;
  private nextMessage = 0;
  private sending = false;
  private closing = false;

  constructor(
    private readonly url: string,
    private readonly users: BenchUser[],
    private readonly behaviour: ChatBehaviour,
  ) {}

  get size(): number {
    return this.sockets.length;
  }

  /** Brings the population to `count` users: the new users' chats through the API, then their sockets. */
  async grow(count: number): Promise<void> {
    const from = this.sockets.length;
    for (let u = this.chatsOf.length; u < count; u++) this.chatsOf.push([]);
    await mapLimit(chatsFor(count, from), 16, async (plan) => {
      const owner = this.users[plan.members[0]!]!;
      const others = plan.members.slice(1).map((m) => this.users[m]!);
      const id =
        plan.type === 'direct'
          ? await createDirect(this.url, owner, others[0]!)
          : await createGroup(this.url, owner, others, `Circle ${plan.members[0]}`);
      for (const member of plan.members) this.chatsOf[member]!.push({ id, members: plan.members });
    });
    const batch = await openSockets(
      wsUrlOf(this.url),
      this.users.slice(from, count).map((user) => user.token),
      { concurrency: 50, onFrame: (index, raw) => this.onFrame(from + index, raw) },
    );
    if (batch.failures > 0) throw new Error(`${batch.failures} users could not connect: ${batch.firstError}`);
    batch.byIndex.forEach((socket, i) => {
      const index = from + i;
      this.sockets[index] = socket!;
      socket!.once('close', () => {
        if (!this.closing) this.fail('socketsDropped', `socket of user ${index} closed`);
      });
    });
  }

  startSending(): void {
    this.sending = true;
    const [, max] = this.behaviour.sendInterval;
    // The first message comes at a random moment of the first interval, so the rate is steady at once.
    for (let u = 0; u < this.sockets.length; u++) this.scheduleSend(u, jitterMs(0, max));
  }

  /** Stops sending, then waits for answers, deliveries (up to `graceMs`) and the reads they cause. */
  async stopSending(graceMs: number): Promise<void> {
    this.sending = false;
    for (const timer of this.sendTimers) clearTimeout(timer);
    this.sendTimers.clear();
    await this.settle();
    const deadline = performance.now() + graceMs;
    const outstanding = () => [...this.sent.values()].some((m) => m.received < m.expected);
    while (outstanding() && performance.now() < deadline) await sleep(50);
    const readsDue = performance.now() + this.behaviour.readDelay[1] * 1000 + graceMs;
    while ((this.pendingReads.size > 0 || this.inFlight.size > 0) && performance.now() < readsDue) {
      await sleep(50);
    }
    await this.settle();
  }

  /** The figures since the last call; the counters start again from zero. */
  takeStep(seconds: number): PopulationStep {
    const messages = [...this.sent.values()];
    const missing = messages.reduce((sum, m) => sum + Math.max(0, m.expected - m.received), 0);
    const failures = { ...this.failures, missing };
    const step: PopulationStep = {
      messages: messages.length,
      sendsPerSecond: messages.length / seconds,
      send: summarize(this.sendLatencies),
      delivery: summarize(this.deliveries),
      acks: this.acks,
      reads: this.reads,
      failures,
      errors: Object.values(failures).reduce((sum, n) => sum + n, 0),
      firstError: this.firstError ?? (missing > 0 ? `${missing} deliveries never arrived` : null),
    };
    this.sent = new Map();
    this.deliveries = [];
    this.sendLatencies = [];
    this.failures = { sends: 0, reads: 0, errorFrames: 0, socketsDropped: 0 };
    this.firstError = null;
    this.acks = 0;
    this.reads = 0;
    return step;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.sending = false;
    for (const timer of this.sendTimers) clearTimeout(timer);
    await this.settle();
    await closeSockets(this.sockets.filter(Boolean));
  }

  private async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private fail(kind: keyof Failures, reason: string): void {
    this.failures[kind] += 1;
    this.firstError ??= reason;
  }

  private scheduleSend(user: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.sendTimers.delete(timer);
      if (!this.sending) return;
      this.track(this.send(user));
      this.scheduleSend(user, jitterMs(...this.behaviour.sendInterval));
    }, delayMs);
    this.sendTimers.add(timer);
  }

  private async send(user: number): Promise<void> {
    const chats = this.chatsOf[user]!;
    if (chats.length === 0) return;
    const chat = chats[Math.floor(Math.random() * chats.length)]!;
    const n = this.nextMessage++;
    const message = { at: performance.now(), expected: 0, received: 0 };
    const sent = this.sent;
    sent.set(n, message);
    try {
      const response = await call(this.url, 'POST', messagesPath(chat.id), {
        token: this.users[user]!.token,
        body: { content: `${MARKER}${n}: see you at the usual place around seven?` },
      });
      if (response.status !== 201) throw new Error(`send answered ${response.status}`);
      this.sendLatencies.push(performance.now() - message.at);
      message.expected = chat.members.length - 1;
    } catch (error) {
      sent.delete(n);
      this.fail('sends', error instanceof Error ? error.message : String(error));
    }
  }

  private onFrame(user: number, raw: string): void {
    const arrivedAt = performance.now();
    if (raw.includes('"type":"error"')) {
      this.fail('errorFrames', `error frame: ${raw.slice(0, 200)}`);
      return;
    }
    if (!raw.includes('"message.created"') || !raw.includes(MARKER)) return;
    const frame = JSON.parse(raw) as {
      data: { id: string; conversationId: string; senderId: string; content: string };
    };
    const { id, conversationId, senderId, content } = frame.data;
    if (senderId === this.users[user]!.id) return;
    const message = this.sent.get(Number(content.slice(MARKER.length, content.indexOf(':'))));
    if (message) {
      message.received += 1;
      this.deliveries.push(arrivedAt - message.at);
    }
    this.sockets[user]?.send(JSON.stringify({ type: 'ack', data: { messageId: id, conversationId } }));
    this.acks += 1;
    this.scheduleRead(user, conversationId, id);
  }

  /** One read per chat per moment, for the newest message seen, as an open chat window would. */
  private scheduleRead(user: number, conversationId: string, messageId: string): void {
    const key = `${user}:${conversationId}`;
    const pending = this.pendingReads.has(key);
    this.pendingReads.set(key, messageId);
    if (pending) return;
    setTimeout(
      () => {
        const newest = this.pendingReads.get(key)!;
        this.pendingReads.delete(key);
        this.track(this.read(user, conversationId, newest));
      },
      jitterMs(...this.behaviour.readDelay),
    );
  }

  private async read(user: number, conversationId: string, messageId: string): Promise<void> {
    try {
      const response = await call(this.url, 'POST', `/api/v1/conversations/${conversationId}/read`, {
        token: this.users[user]!.token,
        body: { messageId },
      });
      if (response.status !== 200) throw new Error(`read answered ${response.status}`);
      this.reads += 1;
    } catch (error) {
      this.fail('reads', error instanceof Error ? error.message : String(error));
    }
  }
}
