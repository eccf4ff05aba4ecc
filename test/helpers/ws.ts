// Real WebSocket clients for tests: connect to a listening app, collect frames, wait for the ones that matter.
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type { ServerEvent, ServerEventMap, ServerEventType } from '../../sdk/src/events.js';

/** A frame the server sent, typed by its `type` (the SDK's protocol types). */
export type Frame = ServerEvent;
export type FrameType = ServerEventType;
export type FrameData<T extends FrameType> = ServerEventMap[T];

export interface TestSocket {
  ws: WebSocket;
  /** Every frame received so far, in order. */
  frames: Frame[];
  /** Frames of one type received so far. */
  of<T extends FrameType>(type: T): FrameData<T>[];
  send(frame: unknown): void;
  /** Resolves with the first frame (already received or still to come) of this type matching `match`. */
  next<T extends FrameType>(
    type: T,
    match?: (data: FrameData<T>) => boolean,
    timeoutMs?: number,
  ): Promise<FrameData<T>>;
  /**
   * A round trip through the server (ping → pong): every frame the server wrote to this socket before
   * handling the ping has arrived once it resolves. Lets tests say "nothing arrived" without sleeping.
   */
  sync(): Promise<void>;
  /** Resolves with the close code and reason once the server (or we) closed the socket. */
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** Starts the app on a random local port (once) and returns its ws:// base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  const address = app.server.address();
  if (address && typeof address === 'object') return `ws://127.0.0.1:${address.port}`;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bound = app.server.address();
  if (!bound || typeof bound !== 'object') throw new Error('the app is not listening');
  return `ws://127.0.0.1:${bound.port}`;
}

let syncCounter = 0;

/** Opens a socket to /api/v1/ws; with `token` it authenticates through the query string. */
export function openSocket(baseUrl: string, token?: string): Promise<TestSocket> {
  return openSocketAt(`${baseUrl}/api/v1/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`);
}

/** Opens a socket to exactly this URL. */
export async function openSocketAt(url: string): Promise<TestSocket> {
  const ws = new WebSocket(url);
  const frames: Frame[] = [];
  const waiters: { accepts: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];
  ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as Frame;
    frames.push(frame);
    for (const waiter of [...waiters]) {
      if (waiter.accepts(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  // The frame's `type` decides the type of its `data`: one cast, here.
  const dataOf = <T extends FrameType>(frame: Frame) => frame.data as FrameData<T>;
  const ofType = <T extends FrameType>(type: T): FrameData<T>[] =>
    frames.filter((frame) => frame.type === type).map((frame) => dataOf<T>(frame));

  const next = <T extends FrameType>(
    type: T,
    match: (data: FrameData<T>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<FrameData<T>> => {
    const seen = ofType(type).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<FrameData<T>>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no "${type}" frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`));
      }, timeoutMs);
      const waiter = {
        accepts: (frame: Frame) => frame.type === type && match(dataOf<T>(frame)),
        resolve: (frame: Frame) => {
          clearTimeout(timer);
          resolve(dataOf<T>(frame));
        },
      };
      waiters.push(waiter);
    });
  };

  return {
    ws,
    frames,
    of: ofType,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next,
    sync: async () => {
      syncCounter += 1;
      const id = `sync-${syncCounter}`;
      ws.send(JSON.stringify({ type: 'ping', data: { id } }));
      await next('pong', (data) => data.id === id);
    },
    closed,
    close: async () => {
      if (ws.readyState !== WebSocket.CLOSED) ws.close(1000);
      await closed;
    },
  };
}

/** Opens an authenticated socket and waits for its `ready` frame. */
export async function connectAs(baseUrl: string, user: { token: string }): Promise<TestSocket> {
  const socket = await openSocket(baseUrl, user.token);
  await socket.next('ready');
  return socket;
}
