// With Redis gone, a send is still stored and answered at once: nothing on the send path waits for Redis
// to come back (publishes, rate limits and presence fail fast; the outbox owes the event). The test's own
// redis-server is stopped and only started again after the answers arrived, so a send that waited on Redis
// would never answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createDirect } from '../helpers/conversations.js';
import { createUser, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { messagesUrl } from '../helpers/messages.js';
import { startTestRedis, type TestRedis } from '../helpers/redis-server.js';

describe('a send while Redis is down', () => {
  let redis: TestRedis;
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let chatId: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    t = await createTestApp({ redisUrl: redis.url });
    alice = await createUser(t.app);
    bob = await createUser(t.app);
    chatId = (await createDirect(t.app, alice, bob)).id;
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('is stored and acknowledged before Redis returns, and retrying it gives the same message', async () => {
    await redis.stop();
    const body = { content: 'sent while Redis is away', clientMessageId: crypto.randomUUID() };
    const sent = await api(t.app, 'POST', messagesUrl(chatId), { token: alice.token, body });
    expect(sent.status).toBe(201);
    const retried = await api(t.app, 'POST', messagesUrl(chatId), { token: alice.token, body });
    expect(retried.body.data.id).toBe(sent.body.data.id);

    const history = await api(t.app, 'GET', messagesUrl(chatId), { token: bob.token });
    expect(history.status).toBe(200);
    expect(history.body.data.items.map((m: { id: string }) => m.id)).toContain(sent.body.data.id);

    const ready = await api(t.app, 'GET', '/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.data.dependencies).toMatchObject({ database: 'up', redis: 'down' });

    await redis.start();
    // Back by itself: /ready answers 200 again once the clients have reconnected.
    for (let tries = 0; ; tries += 1) {
      const again = await api(t.app, 'GET', '/ready');
      if (again.status === 200) break;
      if (tries > 300) throw new Error(`/ready still ${again.status} after Redis returned`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
