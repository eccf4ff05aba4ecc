// Fault injection: real server processes (src/main.ts under tsx) on a test's own PostgreSQL and Redis,
// senders that retry with the same clientMessageId, and sockets that follow the README's reconnect recipe.
// Only processes started here are ever signalled.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { freePort } from '../../src/lib/free-port.js';
import type { Envelope, Method, ResponseData } from './http.js';
import type { Frame } from './ws.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Reply<T = unknown> {
  /** 0 when no HTTP answer came (connection refused or cut). */
  status: number;
  body: Envelope<T> | null;
  /** Set when the body is not the envelope `{ error, status, message }`. */
  outsideEnvelope?: string;
}

/** A request that never throws; it checks that whatever answered used the envelope. */
export async function call<M extends Method, U extends string>(
  base: string,
  method: M,
  url: U,
  token?: string,
  body?: unknown,
): Promise<Reply<ResponseData<M, U>>> {
  let response: Response;
  try {
    response = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return { status: 0, body: null };
  }
  let text = '';
  try {
    text = await response.text();
  } catch {
    return { status: 0, body: null };
  }
  try {
    const parsed = JSON.parse(text) as Envelope<ResponseData<M, U>>;
    const inEnvelope =
      typeof parsed.error === 'boolean' &&
      parsed.status === response.status &&
      typeof parsed.message === 'string';
    return {
      status: response.status,
      body: parsed,
      ...(inEnvelope ? {} : { outsideEnvelope: `${response.status} ${text.slice(0, 200)}` }),
    };
  } catch {
    return {
      status: response.status,
      body: null,
      outsideEnvelope: `${response.status} ${text.slice(0, 200)}`,
    };
  }
}

export interface ServerProcess {
  name: string;
  base: string;
  child: ChildProcess;
  /** Every line it wrote, stdout and stderr. */
  lines: string[];
  exited: Promise<number | null>;
  alive(): boolean;
}

export async function startServerProcess(
  name: string,
  env: { DATABASE_URL: string; REDIS_URL: string; JWT_SECRET: string } & Record<string, string>,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), `chat-fault-${name}-`)),
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_IP: '1000000',
      MESSAGE_RATE_LIMIT: '100000',
      EVENT_RELAY_DELAY: '1s',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts.filter((line) => line.trim() !== ''));
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const server: ServerProcess = {
    name,
    base: `http://127.0.0.1:${port}`,
    child,
    lines,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
  await until(
    `${name} to be ready`,
    async () => {
      if (!server.alive()) throw new Error(`${name} exited: ${lines.slice(-5).join('\n')}`);
      return (await call(server.base, 'GET', '/ready')).status === 200;
    },
    60_000,
  );
  return server;
}

/** Lines a server wrote that are not one JSON object each (ioredis's own error lines, stack traces). */
export function nonJsonLines(server: ServerProcess): string[] {
  return server.lines.filter((line) => {
    try {
      return typeof JSON.parse(line) !== 'object';
    } catch {
      return true;
    }
  });
}

export interface Account {
  id: string;
  token: string;
}

export async function signUp(base: string, label: string): Promise<Account> {
  const email = `${label}-${Math.random().toString(36).slice(2)}@example.com`;
  const password = 'correct horse battery';
  const signup = await call(base, 'POST', '/api/v1/auth/signup', undefined, {
    firstName: label,
    lastName: 'Fault',
    email,
    password,
  });
  if (signup.status !== 201) throw new Error(`signup: ${JSON.stringify(signup.body)}`);
  const login = await call(base, 'POST', '/api/v1/auth/login', undefined, { email, password });
  if (login.status !== 200) throw new Error(`login: ${JSON.stringify(login.body)}`);
  return { id: signup.body!.data.id, token: login.body!.data.token };
}

/** What the load saw: acknowledged message ids, and every answer that broke the envelope. */
export interface LoadRecord {
  acknowledged: Set<string>;
  outsideEnvelope: string[];
  unexpected: string[];
}

/**
 * `count` messages from one sender, each retried with its clientMessageId (on the next server) until the
 * server acknowledges it: 201, or 200 for a retry that found it stored.
 */
export async function runSender(
  bases: () => string[],
  sender: Account,
  conversationId: string,
  label: string,
  count: number,
  record: LoadRecord,
  pauseMs = 60,
): Promise<void> {
  for (let k = 0; k < count; k += 1) {
    const body = { content: `${label} #${k}`, clientMessageId: `${label}-${k}` };
    for (let attempt = 0; ; attempt += 1) {
      const targets = bases();
      const base = targets[(k + attempt) % targets.length]!;
      const reply = await call(
        base,
        'POST',
        `/api/v1/conversations/${conversationId}/messages`,
        sender.token,
        body,
      );
      if (reply.outsideEnvelope) record.outsideEnvelope.push(reply.outsideEnvelope);
      if (reply.status === 201 || reply.status === 200) {
        record.acknowledged.add(reply.body!.data.id);
        break;
      }
      if (reply.status !== 0 && reply.status !== 503 && reply.status !== 429) {
        record.unexpected.push(`${reply.status} ${JSON.stringify(reply.body)}`);
      }
      if (attempt > 400) throw new Error(`${label}-${k} was never acknowledged`);
      await sleep(150);
    }
    await sleep(pauseMs);
  }
}

/**
 * A socket that follows the README's reconnect recipe for one conversation: socket first, then catch-up
 * through /changes from its stored syncCursor; again on every `ready` after a reconnect and on `resync`.
 * It never catches up on its own otherwise, so a message it misses stays missing.
 */
export class RecipeListener {
  readonly seen = new Set<string>();
  readonly closeCodes: number[] = [];
  resyncs = 0;
  connected = false;
  private cursor: string | null = null;
  private socket: WebSocket | null = null;
  private stopped = false;
  private attempt: number;
  private catchingUp: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly bases: () => string[],
    private readonly account: Account,
    private readonly conversationId: string,
    first: number,
  ) {
    this.attempt = first;
  }

  get base(): string {
    const targets = this.bases();
    return targets[this.attempt % targets.length]!;
  }

  async start(): Promise<void> {
    this.open();
    await until('the listener to be connected and caught up', () => this.connected && !this.catchingUp);
  }

  private open(): void {
    if (this.stopped) return;
    const socket = new WebSocket(`${this.base.replace(/^http/, 'ws')}/api/v1/ws?token=${this.account.token}`);
    this.socket = socket;
    socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as Frame;
      if (frame.type === 'ready') {
        this.connected = true;
        void this.catchUp();
      } else if (frame.type === 'resync') {
        this.resyncs += 1;
        void this.catchUp();
      } else if (frame.type === 'message.created' && frame.data.conversationId === this.conversationId) {
        this.seen.add(frame.data.id);
      }
    });
    socket.on('error', () => {});
    socket.on('close', (code) => {
      if (this.socket !== socket) return;
      this.closeCodes.push(code);
      this.connected = false;
      this.socket = null;
      this.attempt += 1;
      if (!this.stopped) setTimeout(() => this.open(), 200);
    });
  }

  /** Steps 2-3 of the recipe; one at a time, a call during a run queues one more. */
  private catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.again = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.again = false;
        await until('a catch-up to succeed', () => this.catchUpOnce(), 60_000);
      } while (this.again);
    })().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async catchUpOnce(): Promise<boolean> {
    const base = this.base;
    const list = await call(base, 'GET', '/api/v1/conversations', this.account.token);
    if (list.status !== 200) return false;
    const conversation = list.body!.data.items.find((item) => item.id === this.conversationId);
    if (!conversation) return false;
    if (this.cursor === null) {
      this.cursor = conversation.syncCursor;
      return true;
    }
    if (conversation.syncCursor === this.cursor) return true;
    let since: string | null = this.cursor;
    let last = this.cursor;
    while (since) {
      const from: string = encodeURIComponent(since);
      const url = `/api/v1/conversations/${this.conversationId}/changes?since=${from}` as const;
      const page = await call(base, 'GET', url, this.account.token);
      if (page.status !== 200 || !page.body) return false;
      for (const item of page.body.data.items) this.seen.add(item.id);
      last = page.body.data.syncCursor;
      since = page.body.data.nextCursor;
    }
    this.cursor = last;
    return true;
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
  }
}
