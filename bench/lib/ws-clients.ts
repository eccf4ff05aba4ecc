// WebSocket clients: open many authenticated sockets (spread over several local source addresses so
// ephemeral ports never run out) and wait for each to be admitted with its `ready` frame.
import type { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { mapLimit } from './progress.js';

/** Gets every frame after `ready` as raw text: callers filter before paying for JSON.parse. */
export type FrameHandler = (socketIndex: number, raw: string) => void;

/** Loopback source addresses: each has its own ~28k ephemeral ports towards the server. */
const SOURCES = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];
const PER_SOURCE = 8_000;

/**
 * The loopback source address of the `index`th socket of a run: none for the first ones (the kernel picks
 * 127.0.0.1 and a port at connect, cheaply), then the others in turn. Binding to an address first costs
 * the kernel a search for a port no socket on it holds, sockets waiting out TIME_WAIT from earlier runs
 * included: up to a few milliseconds of system time per socket, which the clients then charge to the
 * machine's cores that the server shares.
 */
export function localAddressFor(index: number): string | undefined {
  const source = Math.floor(index / PER_SOURCE) % SOURCES.length;
  return source === 0 ? undefined : SOURCES[source];
}

export function openSocket(
  wsUrl: string,
  token: string,
  index: number,
  onFrame?: FrameHandler,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const localAddress = localAddressFor(index);
    const socket = new WebSocket(`${wsUrl}?token=${encodeURIComponent(token)}`, {
      ...(localAddress ? { localAddress } : {}),
      perMessageDeflate: false,
    });
    let admitted = false;
    socket.on('message', (raw) => {
      const text = raw.toString();
      if (!admitted) {
        if (text.includes('"ready"')) {
          admitted = true;
          resolve(socket);
        }
        return;
      }
      onFrame?.(index, text);
    });
    socket.once('close', (code, reason) => {
      if (!admitted) reject(new Error(`socket ${index} closed before ready: ${code} ${reason.toString()}`));
    });
    socket.once('error', (error) => {
      if (!admitted) reject(error);
    });
  });
}

export interface OpenedSockets<Socket> {
  sockets: Socket[];
  /** The same sockets at their token's index (undefined where that one failed). */
  byIndex: (Socket | undefined)[];
  failures: number;
  firstError: string | null;
  seconds: number;
}

export type SocketBatch = OpenedSockets<WebSocket>;

/**
 * Opens one socket per token with `open`, `concurrency` handshakes at a time; failures are counted, not
 * thrown. For any client (this file's, lean-sockets.ts's).
 */
export async function openEach<Socket>(
  tokens: string[],
  options: { concurrency: number; onProgress?: (opened: number) => void },
  open: (token: string, index: number) => Promise<Socket>,
): Promise<OpenedSockets<Socket>> {
  const sockets: Socket[] = [];
  const byIndex = new Array<Socket | undefined>(tokens.length);
  let failures = 0;
  let firstError: string | null = null;
  const startedAt = performance.now();
  await mapLimit(tokens, options.concurrency, async (token, index) => {
    try {
      const socket = await open(token, index);
      sockets.push(socket);
      byIndex[index] = socket;
      if (sockets.length % 1000 === 0) options.onProgress?.(sockets.length);
    } catch (error) {
      failures += 1;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
  });
  return { sockets, byIndex, failures, firstError, seconds: (performance.now() - startedAt) / 1000 };
}

/** Opens one `ws` socket per token, `concurrency` handshakes at a time; failures are counted, not thrown. */
export function openSockets(
  wsUrl: string,
  tokens: string[],
  options: { concurrency: number; onFrame?: FrameHandler; onProgress?: (opened: number) => void },
): Promise<SocketBatch> {
  return openEach(tokens, options, (token, index) => openSocket(wsUrl, token, index, options.onFrame));
}

/**
 * Closes every socket the client's way and waits for each to close, forcing it after 5 s. For any client
 * whose sockets emit `close` (this file's, lean-sockets.ts's).
 */
export async function closeEach<Socket extends EventEmitter>(
  sockets: Socket[],
  client: { closed(socket: Socket): boolean; close(socket: Socket): void; force(socket: Socket): void },
): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (client.closed(socket)) return resolve();
          const timer = setTimeout(() => {
            client.force(socket);
            resolve();
          }, 5000);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          client.close(socket);
        }),
    ),
  );
}

/** Closes every socket and waits (briefly) for the server to see them go. */
export function closeSockets(sockets: WebSocket[]): Promise<void> {
  return closeEach(sockets, {
    closed: (socket) => socket.readyState === WebSocket.CLOSED,
    close: (socket) => socket.close(1000, 'benchmark done'),
    force: (socket) => socket.terminate(),
  });
}

export function wsUrlOf(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/api/v1/ws`;
}
