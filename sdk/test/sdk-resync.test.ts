// The server's bus (Redis) goes away while a client stays connected: the message sent meanwhile reaches
// no socket, then the server sends `resync` and the SDK catches up by itself, without reconnecting.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { createDirect } from '../../test/helpers/conversations.js';
import { createUser } from '../../test/helpers/factories.js';
import { sendMessage } from '../../test/helpers/messages.js';
import { startTestRedis, type TestRedis } from '../../test/helpers/redis-server.js';
import { listen } from '../../test/helpers/ws.js';
import type { ChatClient } from '../src/index.js';
import { clientFor, connectAndSync } from './helpers.js';

describe('a client connected while the server loses Redis', () => {
  let redis: TestRedis;
  let t: TestApp;
  let baseUrl: string;
  let client: ChatClient | undefined;
  beforeAll(async () => {
    redis = await startTestRedis();
    t = await createTestApp({ redisUrl: redis.url });
    baseUrl = (await listen(t.app)).replace(/^ws/, 'http');
  });
  afterAll(async () => {
    client?.close();
    await t?.close();
    await redis?.stop();
  });

  it('gets a resync frame once Redis is back and catches up the message it missed', async () => {
    const alice = await createUser(t.app);
    const bob = await createUser(t.app);
    const chat = await createDirect(t.app, alice, bob);
    client = await clientFor(baseUrl, bob);
    await connectAndSync(client);
    const reconnects: string[] = [];
    client.on('connection', (change) => reconnects.push(change.state));

    await redis.stop();
    const missed = await sendMessage(t.app, alice, chat.id, 'sent while Redis was down');
    const resync = client.next('resync', () => true, 30_000);
    await redis.start();
    await resync;
    await vi.waitFor(
      () => expect(client!.store.messages(chat.id).map((message) => message.id)).toContain(missed.id),
      { timeout: 15_000 },
    );
    // Caught up on the same socket.
    expect(reconnects).toEqual([]);
  });
});
