// Push across server processes: presence in Redis decides who is online anywhere, and the queued pushes in
// PostgreSQL outlive the process that queued them.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushDeliveries } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createDirect, createGroup } from '../helpers/conversations.js';
import { createUser, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { sendMessage } from '../helpers/messages.js';
import { PushReceiver, type TestDevice } from '../helpers/push-receiver.js';
import { connectAs, listen } from '../helpers/ws.js';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  console.warn(
    'SKIPPING test/realtime/push-processes.test.ts: set REDIS_URL=redis://127.0.0.1:6379 to run it',
  );
}

const env = { PUSH_ALLOW_INSECURE_ENDPOINTS: 'true', PUSH_RETRY_DELAY: '20ms' };

describe.skipIf(!redisUrl)('push with two processes sharing PostgreSQL and Redis', () => {
  const receiver = new PushReceiver();
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    await receiver.start();
    first = await createTestApp({ redis: true, env });
    second = await createTestApp({ redis: true, env, database: first.database });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await receiver.stop();
  });

  async function subscribe(app: TestApp, user: TestUser, device: TestDevice): Promise<string> {
    const response = await api(app.app, 'POST', '/api/v1/push/subscriptions', {
      token: user.token,
      body: device.subscription,
    });
    expect(response.status).toBe(201);
    return response.body.data.id;
  }

  function deliveriesOf(messageId: string) {
    return first.database.db
      .select({ subscriptionId: pushDeliveries.subscriptionId, status: pushDeliveries.status })
      .from(pushDeliveries)
      .where(eq(pushDeliveries.messageId, messageId));
  }

  it('does not push a member whose socket is open on the other process', async () => {
    const ada = await createUser(first.app);
    const bob = await createUser(first.app);
    const cem = await createUser(first.app);
    const bobDevice = receiver.device();
    const cemDevice = receiver.device();
    await subscribe(first, bob, bobDevice);
    const cemId = await subscribe(first, cem, cemDevice);
    const group = await createGroup(first.app, ada, [bob, cem]);
    const socket = await connectAs(await listen(second.app), bob);

    const message = await sendMessage(first.app, ada, group.id, 'Bob is on the other process');
    await cemDevice.received(1);
    expect((await deliveriesOf(message.id)).map((row) => row.subscriptionId)).toEqual([cemId]);
    expect(bobDevice.pushes).toHaveLength(0);
    await socket.close();
  });

  it('sends a push whose process stopped mid-way from the next process that starts', async () => {
    const third = await createTestApp({ redis: true, env, database: first.database });
    const ada = await createUser(third.app);
    const bob = await createUser(third.app);
    const device = receiver.device();
    await subscribe(third, bob, device);
    const chat = await createDirect(third.app, ada, bob);
    device.holding = true;

    const message = await sendMessage(third.app, ada, chat.id, 'survive the restart');
    await device.received(1);
    // Shutting down cuts the held push off and gives it back (still pending, the try not counted).
    await third.close();
    expect(await deliveriesOf(message.id)).toEqual([
      { subscriptionId: expect.any(String), status: 'pending' },
    ]);
    device.release();

    const restarted = await createTestApp({ redis: true, env, database: first.database });
    try {
      const pushes = await device.received(2);
      expect(pushes.map((push) => push.payload.messageId)).toEqual([message.id, message.id]);
      for (let tries = 0; tries < 500; tries += 1) {
        if ((await deliveriesOf(message.id))[0]?.status === 'sent') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await deliveriesOf(message.id))[0]?.status).toBe('sent');
    } finally {
      await restarted.close();
    }
  });
});
