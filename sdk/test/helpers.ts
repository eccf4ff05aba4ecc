// SDK clients against a real server built in process and listening on a free local port.
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

/** Connects and waits until the first catch-up has run. */
export async function connectAndSync(client: ChatClient): Promise<void> {
  const online = client.next('connection', (change) => change.state === 'online');
  client.connect();
  await online;
  await client.sync();
}
