import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { addToGroup, createDirect, createGroup } from '../helpers/conversations.js';
import { createUsers, login } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { messagesUrl, sendMessage } from '../helpers/messages.js';
import { connectAs, type TestSocket } from '../helpers/ws.js';

const t = useTestApp();

/** Round trips on every socket: whatever the server sent them before now has arrived. */
async function settle(...sockets: TestSocket[]) {
  await Promise.all(sockets.map((socket) => socket.sync()));
}

describe('new messages', () => {
  it('reach the other member within a second, and every device of the sender', async () => {
    const [alice, bob] = await createUsers(t.app, 2);
    const chat = await createDirect(t.app, alice, bob);
    const aliceSocket = await t.online(alice);
    const bobPhone = await t.online(bob);
    const bobLaptop = await t.online({ token: (await login(t.app, bob.email, bob.password)).token });

    const sent = await sendMessage(t.app, bob, chat.id, 'hi alice', { clientMessageId: 'local-1' });
    // At most a second after the sender's request completed (next() fails after 1000 ms).
    const received = await aliceSocket.next('message.created', (m) => m.id === sent.id, 1000);
    expect(received).toMatchObject({ id: sent.id, conversationId: chat.id, senderId: bob.id });
    expect(received.clientMessageId ?? null).toBeNull();

    for (const device of [bobPhone, bobLaptop]) {
      const own = await device.next('message.created', (m) => m.id === sent.id);
      expect(own).toMatchObject({ clientMessageId: 'local-1', status: 'sent' });
    }
  });

  it('reach nobody outside the conversation', async () => {
    const [alice, bob, outsider] = await createUsers(t.app, 3);
    const chat = await createDirect(t.app, alice, bob);
    const outsiderSocket = await t.online(outsider);
    const aliceSocket = await t.online(alice);
    const sent = await sendMessage(t.app, bob, chat.id, 'private');
    await aliceSocket.next('message.created', (m) => m.id === sent.id);
    await settle(outsiderSocket);
    expect(outsiderSocket.of('message.created')).toEqual([]);
  });

  it('reach a member added later only from the moment they joined', async () => {
    const [owner, early, late] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, owner, [early]);
    const lateSocket = await t.online(late);
    const before = await sendMessage(t.app, owner, group.id, 'before you joined');
    await addToGroup(t.app, group.id, owner, late);
    await lateSocket.next('participant.added', (p) => p.userId === late.id);
    const after = await sendMessage(t.app, owner, group.id, 'welcome');
    await lateSocket.next('message.created', (m) => m.id === after.id);
    await settle(lateSocket);
    expect(lateSocket.of('message.created').map((m) => m.id)).toEqual([after.id]);
    expect(lateSocket.frames.some((frame) => JSON.stringify(frame).includes(before.id))).toBe(false);
  });
});

describe('deletions', () => {
  it('reach the members who could see the message, not outsiders', async () => {
    const [alice, bob, outsider] = await createUsers(t.app, 3);
    const chat = await createDirect(t.app, alice, bob);
    const sent = await sendMessage(t.app, alice, chat.id, 'oops');
    const bobSocket = await t.online(bob);
    const outsiderSocket = await t.online(outsider);
    const response = await api(t.app, 'DELETE', `${messagesUrl(chat.id)}/${sent.id}`, { token: alice.token });
    expect(response.status).toBe(200);
    expect(await bobSocket.next('message.deleted')).toMatchObject({
      conversationId: chat.id,
      messageId: sent.id,
      scope: 'everyone',
    });
    await settle(outsiderSocket);
    expect(outsiderSocket.of('message.deleted')).toEqual([]);
  });

  it('of a message hidden "for me" reach only my own devices', async () => {
    const [alice, bob] = await createUsers(t.app, 2);
    const chat = await createDirect(t.app, alice, bob);
    const sent = await sendMessage(t.app, alice, chat.id, 'keep for alice');
    const bobSocket = await t.online(bob);
    const aliceSocket = await t.online(alice);
    await api(t.app, 'DELETE', `${messagesUrl(chat.id)}/${sent.id}?scope=me`, { token: bob.token });
    expect(await bobSocket.next('message.deleted')).toMatchObject({ messageId: sent.id, scope: 'me' });
    await settle(aliceSocket);
    expect(aliceSocket.of('message.deleted')).toEqual([]);
  });
});

describe('receipts', () => {
  it('an ack frame marks delivered and the sender sees the tick move', async () => {
    const [alice, bob] = await createUsers(t.app, 2);
    const chat = await createDirect(t.app, alice, bob);
    const aliceSocket = await t.online(alice);
    const bobSocket = await t.online(bob);
    const sent = await sendMessage(t.app, alice, chat.id, 'did you get this?');
    await bobSocket.next('message.created', (m) => m.id === sent.id);
    bobSocket.send({ type: 'ack', data: { messageId: sent.id } });
    const receipt = await aliceSocket.next('receipt.updated', (r) => r.userId === bob.id);
    expect(receipt).toMatchObject({ conversationId: chat.id, lastDeliveredMessageId: sent.id });
    const message = await api(t.app, 'GET', `${messagesUrl(chat.id)}/${sent.id}`, { token: alice.token });
    expect(message.body.data.status).toBe('delivered');
  });

  it('an ack for a message the user may not see is NOT_FOUND and moves nothing', async () => {
    const [alice, bob, outsider] = await createUsers(t.app, 3);
    const chat = await createDirect(t.app, alice, bob);
    const sent = await sendMessage(t.app, alice, chat.id, 'not for outsiders');
    const aliceSocket = await t.online(alice);
    const outsiderSocket = await t.online(outsider);
    outsiderSocket.send({ type: 'ack', data: { messageId: sent.id } });
    outsiderSocket.send({ type: 'ack', data: { messageId: sent.id, conversationId: chat.id } });
    await settle(outsiderSocket, aliceSocket);
    expect(outsiderSocket.of('error').map((e) => e.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(aliceSocket.of('receipt.updated')).toEqual([]);
  });

  it('reading reaches the sender as receipt.updated with status read, and not outsiders', async () => {
    const [owner, reader, outsider] = await createUsers(t.app, 3);
    const group = await createGroup(t.app, owner, [reader]);
    const sent = await sendMessage(t.app, owner, group.id, 'read me');
    const ownerSocket = await t.online(owner);
    const outsiderSocket = await t.online(outsider);
    const read = await api(t.app, 'POST', `/api/v1/conversations/${group.id}/read`, {
      token: reader.token,
      body: { messageId: sent.id },
    });
    expect(read.status).toBe(200);
    const receipt = await ownerSocket.next('receipt.updated', (r) => r.lastReadMessageId === sent.id);
    expect(receipt).toMatchObject({ conversationId: group.id, userId: reader.id });
    const message = await api(t.app, 'GET', `${messagesUrl(group.id)}/${sent.id}`, { token: owner.token });
    expect(message.body.data.status).toBe('read');
    await settle(outsiderSocket);
    expect(outsiderSocket.of('receipt.updated')).toEqual([]);
  });

  it("in a group, a member's move reaches their own devices and the senders of what it passed, no one else", async () => {
    const [ada, bob, cem, dan] = await createUsers(t.app, 4);
    const group = await createGroup(t.app, ada, [bob, cem, dan]);
    const adaSocket = await t.online(ada);
    const cemSocket = await t.online(cem);
    const danSocket = await t.online(dan);
    const bobPhone = await t.online(bob);
    const bobLaptop = await t.online({ token: (await login(t.app, bob.email, bob.password)).token });
    const fromAda = await sendMessage(t.app, ada, group.id, 'from ada');
    const fromCem = await sendMessage(t.app, cem, group.id, 'from cem');
    const aheadOfBob = (r: { userId: string; lastDeliveredMessageId: string | null }) =>
      r.userId === bob.id && r.lastDeliveredMessageId === fromCem.id;

    // Bob's phone acknowledges both: Ada's and Cem's ticks change, Dan's (he sent nothing) do not.
    await bobPhone.next('message.created', (m) => m.id === fromCem.id);
    bobPhone.send({ type: 'ack', data: { messageId: fromCem.id } });
    await adaSocket.next('receipt.updated', aheadOfBob);
    await cemSocket.next('receipt.updated', aheadOfBob);
    await bobLaptop.next('receipt.updated', aheadOfBob);

    // Bob reads up to Cem's message, and then Dan posts and Bob's laptop acknowledges that: only Dan's
    // ticks change (Ada and Cem hear nothing of it), and Bob's own devices hear of every move.
    const read = await api(t.app, 'POST', `/api/v1/conversations/${group.id}/read`, {
      token: bob.token,
      body: { messageId: fromCem.id },
    });
    expect(read.status).toBe(200);
    await adaSocket.next('receipt.updated', (r) => r.userId === bob.id && r.lastReadMessageId === fromCem.id);
    await bobPhone.next('receipt.updated', (r) => r.lastReadMessageId === fromCem.id);
    const fromDan = await sendMessage(t.app, dan, group.id, 'from dan');
    await bobLaptop.next('message.created', (m) => m.id === fromDan.id);
    bobLaptop.send({ type: 'ack', data: { messageId: fromDan.id } });
    const toDan = await danSocket.next('receipt.updated', (r) => r.userId === bob.id);
    expect(toDan).toMatchObject({ lastDeliveredMessageId: fromDan.id, lastReadMessageId: fromCem.id });
    await bobPhone.next('receipt.updated', (r) => r.lastDeliveredMessageId === fromDan.id);
    await settle(adaSocket, cemSocket, danSocket);
    expect(danSocket.of('receipt.updated').filter((r) => r.userId === bob.id)).toEqual([toDan]);
    for (const socket of [adaSocket, cemSocket]) {
      const bobs = socket.of('receipt.updated').filter((r) => r.userId === bob.id);
      expect(bobs.map((r) => r.lastDeliveredMessageId)).not.toContain(fromDan.id);
    }
    // Ada's message is read by all three: Bob read past it, Cem and Dan posted after it.
    const message = await api(t.app, 'GET', `${messagesUrl(group.id)}/${fromAda.id}`, { token: ada.token });
    expect(message.body.data.status).toBe('read');
  });
});

describe('typing', () => {
  it('reaches the other members, not the typist or outsiders, at most once per 2 seconds', async () => {
    const [alice, bob, carol, outsider] = await createUsers(t.app, 4);
    const group = await createGroup(t.app, alice, [bob, carol]);
    const aliceSocket = await t.online(alice);
    const bobSocket = await t.online(bob);
    const carolSocket = await t.online(carol);
    const outsiderSocket = await t.online(outsider);
    aliceSocket.send({ type: 'typing', data: { conversationId: group.id } });
    aliceSocket.send({ type: 'typing', data: { conversationId: group.id } });
    aliceSocket.send({ type: 'typing', data: { conversationId: group.id } });
    await settle(aliceSocket);
    await settle(bobSocket, carolSocket, outsiderSocket);
    for (const socket of [bobSocket, carolSocket]) {
      expect(socket.of('typing')).toEqual([
        { conversationId: group.id, userId: alice.id, expiresInMs: expect.any(Number) },
      ]);
    }
    expect(aliceSocket.of('typing')).toEqual([]);
    expect(aliceSocket.of('error')).toEqual([]);
    expect(outsiderSocket.of('typing')).toEqual([]);
  });

  it('from someone who left the group is refused', async () => {
    const [alice, bob] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, alice, [bob]);
    const response = await api(t.app, 'DELETE', `/api/v1/conversations/${group.id}/participants/${bob.id}`, {
      token: bob.token,
    });
    expect(response.status).toBe(200);
    const aliceSocket = await t.online(alice);
    const bobSocket = await t.online(bob);
    bobSocket.send({ type: 'typing', data: { conversationId: group.id } });
    expect(await bobSocket.next('error')).toMatchObject({ code: 'NOT_FOUND' });
    await settle(aliceSocket);
    expect(aliceSocket.of('typing')).toEqual([]);
  });
});

describe('presence', () => {
  it('tells contacts when a user comes online and goes offline, and stores lastSeenAt', async () => {
    const [alice, bob, outsider] = await createUsers(t.app, 3);
    await createDirect(t.app, alice, bob);
    const aliceSocket = await t.online(alice);
    const outsiderSocket = await t.online(outsider);

    const bobPhone = await connectAs(t.base, bob);
    expect(await aliceSocket.next('presence', (p) => p.userId === bob.id)).toEqual({
      userId: bob.id,
      online: true,
      lastSeenAt: null,
    });
    // Bob's new socket starts with who is online among his contacts.
    expect(await bobPhone.next('presence', (p) => p.userId === alice.id)).toMatchObject({ online: true });

    // A second device does not announce again; closing one of two keeps him online.
    const bobLaptop = await connectAs(t.base, { token: (await login(t.app, bob.email, bob.password)).token });
    await bobLaptop.close();
    await bobPhone.sync();
    await settle(aliceSocket);
    expect(aliceSocket.of('presence').filter((p) => p.userId === bob.id)).toHaveLength(1);

    await bobPhone.close();
    const offline = await aliceSocket.next('presence', (p) => p.userId === bob.id && !p.online);
    expect(Date.parse(offline.lastSeenAt!)).not.toBeNaN();
    const profile = await api(t.app, 'GET', `/api/v1/users/${bob.id}`, { token: alice.token });
    expect(profile.body.data.lastSeenAt).toBe(offline.lastSeenAt);

    await settle(outsiderSocket);
    expect(outsiderSocket.of('presence')).toEqual([]);
  });
});
