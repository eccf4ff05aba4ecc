// SDK clients against a real server built in process and listening on a free local port.
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import type { TestUser } from '../../test/helpers/factories.js';
import { listen } from '../../test/helpers/ws.js';
import {
  type ChatClient,
  type ChatClientOptions,
  createChatClient,
  type WebSocketConstructor,
} from '../src/index.js';

export interface TestServer {
  t: TestApp;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
}

export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const t = await createTestApp({ env });
  const wsBase = await listen(t.app);
  return { t, baseUrl: wsBase.replace(/^ws/, 'http') };
}

/** Fast reconnects and retries, so tests do not wait out production backoff. */
export const FAST: ChatClientOptions = { reconnect: { initialDelayMs: 50, maxDelayMs: 400 } };

export function clientOptions(baseUrl: string, options: ChatClientOptions = {}): ChatClientOptions {
  return { baseUrl, WebSocket: WebSocket as unknown as WebSocketConstructor, ...FAST, ...options };
}

/** A client logged in as `user` (through the SDK's own login), not yet connected. */
export async function clientFor(
  baseUrl: string,
  user: TestUser,
  options: ChatClientOptions = {},
): Promise<ChatClient> {
  const client = await createChatClient(clientOptions(baseUrl, options));
  await client.login({ email: user.email, password: user.password });
  return client;
}

export interface SdkTestServer {
  readonly app: TestApp['app'];
  readonly baseUrl: string;
  /** A logged-in client (see clientFor), closed after the file's tests; `baseUrl` defaults to the server. */
  client(user: TestUser, options?: ChatClientOptions, baseUrl?: string): Promise<ChatClient>;
  /** Closes this client after the file's tests. */
  track(client: ChatClient): ChatClient;
}

/** One server for a test file (started before its tests, closed after them with every client made). */
export function useTestServer(env: Record<string, string> = {}): SdkTestServer {
  let server: TestServer | undefined;
  const clients: ChatClient[] = [];
  beforeAll(async () => {
    server = await startServer(env);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.t.close();
  });
  const started = () => {
    if (!server) throw new Error('the test server is not started yet');
    return server;
  };
  const track = (client: ChatClient) => {
    clients.push(client);
    return client;
  };
  return {
    get app() {
      return started().t.app;
    },
    get baseUrl() {
      return started().baseUrl;
    },
    client: async (user, options, baseUrl) =>
      track(await clientFor(baseUrl ?? started().baseUrl, user, options)),
    track,
  };
}

/** Connects and waits until the first catch-up has run. */
export async function connectAndSync(client: ChatClient): Promise<void> {
  const online = client.next('connection', (change) => change.state === 'online');
  client.connect();
  await online;
  await client.sync();
}

/**
 * A TCP relay in front of the server that the test can cut and restore on the same port: to the client
 * the server is really unreachable (refused connections, dropped sockets), then back.
 */
export class Gate {
  private readonly sockets = new Set<Socket>();
  private readonly pairs = new Set<[Socket, Socket]>();
  private server: Server | null = null;
  private port = 0;

  private constructor(private readonly target: number) {}

  static async open(baseUrl: string): Promise<Gate> {
    const gate = new Gate(Number(new URL(baseUrl).port));
    await gate.restore();
    return gate;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async restore(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      client.on('close', () => this.pairs.delete(pair));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Open connections stop carrying bytes but stay open: a link that died without a goodbye. */
  stall(): void {
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
    this.pairs.clear();
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
