// registerPush: a browser's PushManager (stood in for by a real push receiver's device keys) subscribed for
// the server's key, registered, and then pushed a message while its user has no socket open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirect } from '../../test/helpers/conversations.js';
import { createUser } from '../../test/helpers/factories.js';
import { sendMessage } from '../../test/helpers/messages.js';
import { PushReceiver, type TestDevice } from '../../test/helpers/push-receiver.js';
import type { PushManagerLike, PushSubscriptionLike } from '../src/index.js';
import { useTestServer } from './helpers.js';

const server = useTestServer({ PUSH_ALLOW_INSECURE_ENDPOINTS: 'true' });
const receiver = new PushReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

/** A PushManager as a browser has one: its subscriptions are the receiver's devices. */
function browserPushManager(current: { device: TestDevice; key: Uint8Array } | null = null) {
  const unsubscribed: string[] = [];
  const asSubscription = (entry: { device: TestDevice; key: Uint8Array }): PushSubscriptionLike => ({
    options: { applicationServerKey: entry.key.slice().buffer },
    toJSON: () => entry.device.subscription,
    unsubscribe: async () => {
      unsubscribed.push(entry.device.subscription.endpoint);
      current = null;
      return true;
    },
  });
  const manager: PushManagerLike = {
    getSubscription: async () => (current ? asSubscription(current) : null),
    subscribe: async ({ applicationServerKey }) => {
      current = { device: receiver.device(), key: applicationServerKey };
      return asSubscription(current);
    },
  };
  return {
    manager,
    unsubscribed,
    get device() {
      return current?.device ?? null;
    },
  };
}

describe('registerPush', () => {
  it('subscribes for the server key and registers the device, which then receives pushes', async () => {
    const adaUser = await createUser(server.app);
    const bobUser = await createUser(server.app);
    const bob = await server.client(bobUser);
    const browser = browserPushManager();

    const registered = await bob.registerPush(browser.manager);
    const again = await bob.registerPush(browser.manager);
    expect(again.id).toBe(registered.id);
    expect(registered.endpoint).toBe(browser.device!.subscription.endpoint);

    const chat = await createDirect(server.app, adaUser, bobUser);
    const message = await sendMessage(server.app, adaUser, chat.id, 'pushed through the SDK');
    const [push] = await browser.device!.received(1);
    expect(push!.payload).toMatchObject({
      type: 'message',
      messageId: message.id,
      body: 'pushed through the SDK',
    });
    expect(receiver.problems).toEqual([]);

    await bob.unregisterPush(registered.id);
    await expect(bob.unregisterPush(registered.id)).rejects.toMatchObject({ status: 404 });
  });

  it('replaces a subscription the browser made for another key', async () => {
    const bob = await server.client(await createUser(server.app));
    const stale = receiver.device();
    const browser = browserPushManager({ device: stale, key: new Uint8Array(65).fill(4) });

    const registered = await bob.registerPush(browser.manager);
    expect(browser.unsubscribed).toEqual([stale.subscription.endpoint]);
    expect(registered.endpoint).not.toBe(stale.subscription.endpoint);
  });
});
