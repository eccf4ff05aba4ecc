// Web Push, end to end: devices subscribe through the API, messages are pushed to a real push receiver
// running in this test, which checks the VAPID signature and decrypts each payload with the device's keys.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushDeliveries, pushSubscriptions } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addToGroup, createDirect, createGroup, removeFromGroup } from '../helpers/conversations.js';
import { createUser, createUsers, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { photo } from '../helpers/media-files.js';
import { sendMessage } from '../helpers/messages.js';
import { PushReceiver, type TestDevice } from '../helpers/push-receiver.js';
import { connectAs, listen } from '../helpers/ws.js';

let t: TestApp;
let base: string;
const receiver = new PushReceiver();

beforeAll(async () => {
  await receiver.start();
  t = await createTestApp({ env: { PUSH_ALLOW_INSECURE_ENDPOINTS: 'true', PUSH_RETRY_DELAY: '20ms' } });
  base = await listen(t.app);
});

afterAll(async () => {
  await t.close();
  await receiver.stop();
});

async function subscribe(user: TestUser, device: TestDevice) {
  const response = await api(t.app, 'POST', '/api/v1/push/subscriptions', {
    token: user.token,
    body: device.subscription,
  });
  if (response.status !== 201) throw new Error(`subscribe failed: ${JSON.stringify(response.body)}`);
  return response.body.data.id as string;
}

/** A user with one device registered. */
async function userWithDevice(name: string) {
  const user = await createUser(t.app, { firstName: name, lastName: 'Tester' });
  const device = receiver.device();
  const subscriptionId = await subscribe(user, device);
  return { user, device, subscriptionId };
}

function deliveriesOf(messageId: string) {
  return t.database.db
    .select({
      subscriptionId: pushDeliveries.subscriptionId,
      status: pushDeliveries.status,
      attempts: pushDeliveries.attempts,
    })
    .from(pushDeliveries)
    .where(eq(pushDeliveries.messageId, messageId));
}

/** Waits for a condition the server reaches in the background (polls; gives up after 10 s). */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 500; tries += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never happened: ${what}`);
}

async function subscriptionIdsOf(user: TestUser): Promise<string[]> {
  const response = await api(t.app, 'GET', '/api/v1/push/subscriptions', { token: user.token });
  expect(response.status).toBe(200);
  return response.body.data.items.map((item: { id: string }) => item.id);
}

describe('pushing messages', () => {
  it('pushes to a member with no open socket: signed with the server key, readable with the device keys', async () => {
    const ada = await createUser(t.app, { firstName: 'Ada', lastName: 'Lovelace' });
    const bob = await userWithDevice('Bob');
    const chat = await createDirect(t.app, ada, bob.user);

    const message = await sendMessage(t.app, ada, chat.id, '  Hello Bob!  ');
    const [push] = await bob.device.received(1);

    expect(push!.payload).toEqual({
      type: 'message',
      conversationId: chat.id,
      messageId: message.id,
      title: 'Ada Lovelace',
      body: 'Hello Bob!',
    });
    const key = await api(t.app, 'GET', '/api/v1/push/key', { token: bob.user.token });
    expect(key.status).toBe(200);
    expect(push!.vapidKey).toBe(key.body.data.publicKey);
    expect(push!.claims.aud).toBe(receiver.origin);
    expect(receiver.problems).toEqual([]);
    await until(
      async () => (await deliveriesOf(message.id))[0]?.status === 'sent',
      'the push recorded as sent',
    );
  });

  it("titles a group's push with the group and cuts a long text", async () => {
    const ada = await createUser(t.app, { firstName: 'Ada', lastName: 'Lovelace' });
    const bob = await userWithDevice('Bob');
    const group = await createGroup(t.app, ada, [bob.user], 'Book club');

    const message = await sendMessage(t.app, ada, group.id, 'x'.repeat(300));
    const [push] = await bob.device.received(1);

    expect(push!.payload.title).toBe('Book club');
    expect(push!.payload.messageId).toBe(message.id);
    expect(Array.from(push!.payload.body as string)).toHaveLength(120);
    expect(push!.payload.body).toMatch(/^Ada: x+…$/);
  });

  it('says what an attachment is when the message has no text', async () => {
    const ada = await createUser(t.app, { firstName: 'Ada', lastName: 'Lovelace' });
    const bob = await userWithDevice('Bob');
    const chat = await createDirect(t.app, ada, bob.user);
    const uploaded = await api(t.app, 'POST', `/api/v1/conversations/${chat.id}/attachments`, {
      token: ada.token,
      file: {
        field: 'file',
        filename: 'cat.png',
        contentType: 'image/png',
        data: await photo(40, 30).png().toBuffer(),
      },
    });
    expect(uploaded.status).toBe(201);

    const sent = await api(t.app, 'POST', `/api/v1/conversations/${chat.id}/messages`, {
      token: ada.token,
      body: { attachmentIds: [uploaded.body.data.id] },
    });
    expect(sent.status).toBe(201);
    const [push] = await bob.device.received(1);
    expect(push!.payload).toMatchObject({
      messageId: sent.body.data.id,
      title: 'Ada Lovelace',
      body: '📷 Photo',
    });
  });

  it('pushes neither the sender nor a member whose socket is open; the socket closed, it does', async () => {
    const ada = await userWithDevice('Ada');
    const bob = await userWithDevice('Bob');
    const cem = await userWithDevice('Cem');
    const group = await createGroup(t.app, ada.user, [bob.user, cem.user]);
    const adaSocket = await connectAs(base, ada.user);
    const bobSocket = await connectAs(base, bob.user);
    // Ada is the sender: her device stays silent with her socket open and, further down, with it closed.

    const first = await sendMessage(t.app, ada.user, group.id, 'first');
    await cem.device.received(1);
    // The pushes of a message are queued in one statement: once Cem's arrived, these are all there are.
    expect((await deliveriesOf(first.id)).map((row) => row.subscriptionId)).toEqual([cem.subscriptionId]);
    expect(bob.device.pushes).toHaveLength(0);

    await bobSocket.close();
    await adaSocket.next('presence', (data) => data.userId === bob.user.id && data.online === false);
    const second = await sendMessage(t.app, ada.user, group.id, 'second');
    const [push] = await bob.device.received(1);
    expect(push!.payload.messageId).toBe(second.id);
    await cem.device.received(2);
    expect((await deliveriesOf(second.id)).map((row) => row.subscriptionId).sort()).toEqual(
      [bob.subscriptionId, cem.subscriptionId].sort(),
    );
    await adaSocket.close();

    // With no socket at all, the sender is still never pushed her own message.
    const third = await sendMessage(t.app, ada.user, group.id, 'third');
    await cem.device.received(3);
    await bob.device.received(2);
    expect((await deliveriesOf(third.id)).map((row) => row.subscriptionId)).not.toContain(ada.subscriptionId);
    expect(ada.device.pushes).toHaveLength(0);
  });

  it('pushes nothing to a removed member, nor to a device whose login ended', async () => {
    const ada = await createUser(t.app);
    const bob = await userWithDevice('Bob');
    const cem = await userWithDevice('Cem');
    const dan = await userWithDevice('Dan');
    const group = await createGroup(t.app, ada, [bob.user, cem.user, dan.user]);
    await removeFromGroup(t.app, group.id, ada, cem.user);
    const logout = await api(t.app, 'POST', '/api/v1/auth/logout', { token: dan.user.token });
    expect(logout.status).toBe(200);

    const message = await sendMessage(t.app, ada, group.id, 'after');
    await bob.device.received(1);
    expect((await deliveriesOf(message.id)).map((row) => row.subscriptionId)).toEqual([bob.subscriptionId]);
    expect(cem.device.pushes).toHaveLength(0);
    expect(dan.device.pushes).toHaveLength(0);

    // Added back, Cem is pushed again.
    await addToGroup(t.app, group.id, ada, cem.user);
    const later = await sendMessage(t.app, ada, group.id, 'welcome back');
    const [push] = await cem.device.received(1);
    expect(push!.payload.messageId).toBe(later.id);
  });

  it('pushes nobody who muted the chat, until they unmute it', async () => {
    const ada = await createUser(t.app);
    const bob = await userWithDevice('Bob');
    const cem = await userWithDevice('Cem');
    const dan = await userWithDevice('Dan');
    const group = await createGroup(t.app, ada, [bob.user, cem.user, dan.user]);
    const mute = (user: TestUser, mutedUntil: string | null) =>
      api(t.app, 'PATCH', `/api/v1/conversations/${group.id}/settings`, {
        token: user.token,
        body: { mutedUntil },
      });
    expect((await mute(bob.user, 'forever')).status).toBe(200);
    expect((await mute(cem.user, new Date(Date.now() + 3_600_000).toISOString())).status).toBe(200);

    const muted = await sendMessage(t.app, ada, group.id, 'shh');
    await dan.device.received(1);
    expect((await deliveriesOf(muted.id)).map((row) => row.subscriptionId)).toEqual([dan.subscriptionId]);

    expect((await mute(bob.user, null)).status).toBe(200);
    const unmuted = await sendMessage(t.app, ada, group.id, 'hello again');
    const [push] = await bob.device.received(1);
    expect(push!.payload.messageId).toBe(unmuted.id);
    await dan.device.received(2);
    expect(cem.device.pushes).toHaveLength(0);
  });

  it('pushes every message of a burst sent at once to exactly the devices each may go to', async () => {
    const ada = await createUser(t.app);
    const bob = await userWithDevice('Bob');
    const cem = await userWithDevice('Cem');
    const dan = await userWithDevice('Dan');
    const group = await createGroup(t.app, ada, [bob.user, cem.user, dan.user]);
    const direct = await createDirect(t.app, ada, cem.user);
    const muted = await api(t.app, 'PATCH', `/api/v1/conversations/${group.id}/settings`, {
      token: cem.user.token,
      body: { mutedUntil: 'forever' },
    });
    expect(muted.status).toBe(200);
    const danSocket = await connectAs(base, dan.user);

    // Sent together, these commit and reach the notifier together: their devices are looked up at once.
    const [fromAda, toCem, fromBob] = await Promise.all([
      Promise.all(Array.from({ length: 6 }, (_, i) => sendMessage(t.app, ada, group.id, `group ${i}`))),
      Promise.all(Array.from({ length: 4 }, (_, i) => sendMessage(t.app, ada, direct.id, `direct ${i}`))),
      Promise.all(Array.from({ length: 3 }, (_, i) => sendMessage(t.app, bob.user, group.id, `bob ${i}`))),
    ]);

    const toBob = await bob.device.received(fromAda.length);
    expect(new Set(toBob.map((push) => push.payload.messageId))).toEqual(new Set(fromAda.map((m) => m.id)));
    const cemGot = await cem.device.received(toCem.length);
    expect(new Set(cemGot.map((push) => push.payload.messageId))).toEqual(new Set(toCem.map((m) => m.id)));
    // Every row is written before its push goes out: what is queued now is all that will be.
    const devices = new Map(
      await Promise.all(
        [...fromAda, ...toCem, ...fromBob].map(
          async (m) => [m.id, (await deliveriesOf(m.id)).map((row) => row.subscriptionId)] as const,
        ),
      ),
    );
    expect(fromAda.map((m) => devices.get(m.id))).toEqual(fromAda.map(() => [bob.subscriptionId]));
    expect(toCem.map((m) => devices.get(m.id))).toEqual(toCem.map(() => [cem.subscriptionId]));
    // Bob's own messages go to nobody: Ada has no device, Cem muted the group, Dan's socket is open.
    expect(fromBob.map((m) => devices.get(m.id))).toEqual(fromBob.map(() => []));
    expect(dan.device.pushes).toHaveLength(0);
    expect(bob.device.pushes).toHaveLength(fromAda.length);
    expect(cem.device.pushes).toHaveLength(toCem.length);
    await danSocket.close();
  });

  it('never pushes a message from someone the member blocked; the blocked side is still pushed', async () => {
    const ada = await userWithDevice('Ada');
    const bob = await userWithDevice('Bob');
    const cem = await userWithDevice('Cem');
    const direct = await createDirect(t.app, ada.user, bob.user);
    const group = await createGroup(t.app, ada.user, [bob.user, cem.user]);
    const blocked = await api(t.app, 'PUT', `/api/v1/users/${ada.user.id}/block`, { token: bob.user.token });
    expect([200, 201, 204]).toContain(blocked.status);

    const inDirect = await sendMessage(t.app, ada.user, direct.id, 'are you there?');
    const inGroup = await sendMessage(t.app, ada.user, group.id, 'hello group');
    await cem.device.received(1);
    expect(await deliveriesOf(inDirect.id)).toEqual([]);
    expect((await deliveriesOf(inGroup.id)).map((row) => row.subscriptionId)).toEqual([cem.subscriptionId]);
    expect(bob.device.pushes).toHaveLength(0);

    // Bob's own group message still reaches Ada (she did not block him).
    const fromBob = await sendMessage(t.app, bob.user, group.id, 'hi all');
    const [push] = await ada.device.received(1);
    expect(push!.payload.messageId).toBe(fromBob.id);
  });

  it('removes a subscription the push service answers 410 for', async () => {
    const ada = await createUser(t.app);
    const bob = await userWithDevice('Bob');
    const other = receiver.device();
    const otherId = await subscribe(bob.user, other);
    const chat = await createDirect(t.app, ada, bob.user);
    bob.device.answers.push(410);

    await sendMessage(t.app, ada, chat.id, 'are you there?');
    await bob.device.received(1);
    await until(
      async () => !(await subscriptionIdsOf(bob.user)).includes(bob.subscriptionId),
      'the expired subscription removed',
    );
    expect(await subscriptionIdsOf(bob.user)).toEqual([otherId]);

    const next = await sendMessage(t.app, ada, chat.id, 'still there?');
    await other.received(2);
    expect((await deliveriesOf(next.id)).map((row) => row.subscriptionId)).toEqual([otherId]);
    expect(bob.device.pushes).toHaveLength(1);
  });

  it('tries again after a 500 and delivers exactly once', async () => {
    const ada = await createUser(t.app);
    const bob = await userWithDevice('Bob');
    const chat = await createDirect(t.app, ada, bob.user);
    bob.device.answers.push(500);

    const message = await sendMessage(t.app, ada, chat.id, 'retry me');
    const pushes = await bob.device.received(2);
    expect(pushes.map((push) => push.payload.messageId)).toEqual([message.id, message.id]);
    await until(
      async () => (await deliveriesOf(message.id))[0]?.status === 'sent',
      'the retried push recorded as sent',
    );
    expect(await deliveriesOf(message.id)).toEqual([
      { subscriptionId: bob.subscriptionId, status: 'sent', attempts: 2 },
    ]);

    // A later message arrives after it; the first is never sent again (one 500, one 201).
    const next = await sendMessage(t.app, ada, chat.id, 'and me');
    await bob.device.received(3);
    expect(bob.device.pushes.map((push) => push.payload.messageId)).toEqual([
      message.id,
      message.id,
      next.id,
    ]);
  });

  it('does not retry a push whose message was deleted for everyone meanwhile', async () => {
    const ada = await createUser(t.app);
    const bob = await userWithDevice('Bob');
    const chat = await createDirect(t.app, ada, bob.user);
    bob.device.holding = true;

    const message = await sendMessage(t.app, ada, chat.id, 'sent by mistake');
    await bob.device.received(1);
    const deleted = await api(t.app, 'DELETE', `/api/v1/conversations/${chat.id}/messages/${message.id}`, {
      token: ada.token,
    });
    expect(deleted.status).toBe(200);
    bob.device.release(500);

    await until(
      async () => (await deliveriesOf(message.id))[0]?.status === 'dropped',
      'the push dropped instead of retried',
    );
    expect(bob.device.pushes).toHaveLength(1);
  });

  it('answers the send while the push service is still holding the push', async () => {
    const ada = await createUser(t.app);
    const bob = await userWithDevice('Bob');
    const chat = await createDirect(t.app, ada, bob.user);
    bob.device.holding = true;

    const sent = await api(t.app, 'POST', `/api/v1/conversations/${chat.id}/messages`, {
      token: ada.token,
      body: { content: 'do not wait for the push' },
    });
    expect(sent.status).toBe(201);
    // The receiver answers nothing until released: had the send waited for the push, it would not be here.
    await bob.device.received(1);
    expect(bob.device.held).toBe(1);
    expect((await deliveriesOf(sent.body.data.id))[0]?.status).toBe('pending');

    bob.device.release(201);
    await until(
      async () => (await deliveriesOf(sent.body.data.id))[0]?.status === 'sent',
      'the held push recorded as sent once answered',
    );
  });
});

describe('subscriptions', () => {
  it('registers the same endpoint once: again it is updated, not duplicated', async () => {
    const bob = await createUser(t.app);
    const device = receiver.device();
    const first = await api(t.app, 'POST', '/api/v1/push/subscriptions', {
      token: bob.token,
      body: device.subscription,
    });
    const again = await api(t.app, 'POST', '/api/v1/push/subscriptions', {
      token: bob.token,
      body: { ...device.subscription, expirationTime: null },
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(first.body.data.id);
    expect(again.body.data).not.toHaveProperty('keys');
    expect(await subscriptionIdsOf(bob)).toEqual([first.body.data.id]);
  });

  it("keeps each user's subscriptions to themselves", async () => {
    const [ada, eve] = await createUsers(t.app, 2);
    const device = receiver.device();
    const id = await subscribe(ada, device);

    expect(await subscriptionIdsOf(eve)).toEqual([]);
    const stolen = await api(t.app, 'DELETE', `/api/v1/push/subscriptions/${id}`, { token: eve.token });
    expect(stolen.status).toBe(404);
    expect(stolen.body.code).toBe('NOT_FOUND');
    expect(await subscriptionIdsOf(ada)).toEqual([id]);

    const own = await api(t.app, 'DELETE', `/api/v1/push/subscriptions/${id}`, { token: ada.token });
    expect(own.status).toBe(200);
    expect(await subscriptionIdsOf(ada)).toEqual([]);
    const twice = await api(t.app, 'DELETE', `/api/v1/push/subscriptions/${id}`, { token: ada.token });
    expect(twice.status).toBe(404);
  });

  it('moves a browser to the account that registers it last; the first stops being pushed there', async () => {
    const [ada, bob] = await createUsers(t.app, 2);
    const device = receiver.device();
    const adaId = await subscribe(ada, device);
    const bobId = await subscribe(bob, device);

    expect(bobId).not.toBe(adaId);
    expect(await subscriptionIdsOf(ada)).toEqual([]);
    expect(await subscriptionIdsOf(bob)).toEqual([bobId]);
  });

  it('needs a login', async () => {
    const response = await api(t.app, 'GET', '/api/v1/push/key');
    expect(response.status).toBe(401);
  });
});

describe('bad subscriptions', () => {
  const keys = () => receiver.device().subscription.keys;

  async function rejected(user: TestUser, app: TestApp, body: unknown) {
    const response = await api(app.app, 'POST', '/api/v1/push/subscriptions', { token: user.token, body });
    expect(response.status, JSON.stringify(body)).toBe(422);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    return response;
  }

  async function storedFor(user: TestUser) {
    return t.database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, user.id));
  }

  it('refuses endpoints that are not https on a public address, storing nothing', async () => {
    const mallory = await createUser(t.app);
    for (const endpoint of [
      'http://93.184.216.34/push/1',
      'ftp://93.184.216.34/push/1',
      'not a url',
      'https://user:secret@93.184.216.34/push/1',
      'https://10.0.0.1/push/1',
      'https://172.16.5.4/push/1',
      'https://192.168.1.1/push/1',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/push/1',
      'https://0.0.0.0/push/1',
      'https://224.0.0.1/push/1',
      'https://[::]/push/1',
      'https://[fe80::1]/push/1',
      'https://[fd00::1]/push/1',
      'https://[ff02::1]/push/1',
      'https://[::ffff:10.0.0.1]/push/1',
      'https://[::ffff:169.254.169.254]/push/1',
      'https://[64:ff9b::a00:1]/push/1',
    ]) {
      const response = await rejected(mallory, t, { endpoint, keys: keys() });
      expect(response.body.details?.[0]?.field).toBe('endpoint');
    }
    expect(await storedFor(mallory)).toEqual([]);
  });

  it('refuses loopback receivers unless PUSH_ALLOW_INSECURE_ENDPOINTS is set', async () => {
    const strict = await createTestApp({ database: t.database });
    try {
      const mallory = await createUser(strict.app);
      for (const endpoint of [
        receiver.device().subscription.endpoint,
        'https://127.0.0.1/push/1',
        'https://[::1]/push/1',
        'https://localhost/push/1',
        'https://push.localhost/push/1',
        'https://[::ffff:127.0.0.1]/push/1',
      ]) {
        await rejected(mallory, strict, { endpoint, keys: keys() });
      }
      expect(await storedFor(mallory)).toEqual([]);

      // A public https endpoint is fine (nothing is sent to it here: no message reaches this user).
      const fine = await api(strict.app, 'POST', '/api/v1/push/subscriptions', {
        token: mallory.token,
        body: { endpoint: 'https://93.184.216.34/push/abc', keys: keys() },
      });
      expect(fine.status).toBe(201);
    } finally {
      await strict.close();
    }
  });

  it('refuses malformed keys, storing nothing', async () => {
    const mallory = await createUser(t.app);
    const endpoint = receiver.device().subscription.endpoint;
    const good = keys();
    const offCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url');
    for (const bad of [
      { p256dh: good.p256dh.slice(0, 40), auth: good.auth },
      { p256dh: offCurve, auth: good.auth },
      { p256dh: `${good.p256dh.slice(0, -2)}!!`, auth: good.auth },
      { p256dh: good.p256dh, auth: Buffer.alloc(15, 1).toString('base64url') },
      { p256dh: good.p256dh, auth: `${good.auth.slice(0, -1)}*` },
      { p256dh: good.p256dh },
    ]) {
      await rejected(mallory, t, { endpoint, keys: bad });
    }
    await rejected(mallory, t, { endpoint });
    await rejected(mallory, t, { keys: good });
    expect(await storedFor(mallory)).toEqual([]);
  });
});
