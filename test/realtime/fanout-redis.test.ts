// Fan-out across two processes sharing PostgreSQL and Redis: a membership change made on one process
// decides who hears the next message sent on the other, and an event's bytes cross Redis intact, also from
// a process that writes them in another key order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisClient } from '../../src/runtime.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addToGroup, createGroup, removeFromGroup } from '../helpers/conversations.js';
import { createUsers } from '../helpers/factories.js';
import { sendMessage } from '../helpers/messages.js';
import { connectAs, listen, type TestSocket } from '../helpers/ws.js';

// CI always sets REDIS_URL, so this runs there; a laptop without Redis skips it, and says so.
const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  console.warn('SKIPPING test/realtime/fanout-redis.test.ts: set REDIS_URL=redis://127.0.0.1:6379 to run it');
}

describe.skipIf(!redisUrl)('fan-out across two processes', () => {
  let a: TestApp;
  let b: TestApp;
  let baseA: string;
  let baseB: string;
  const open: TestSocket[] = [];
  beforeAll(async () => {
    a = await createTestApp({ redis: true });
    b = await createTestApp({ redis: true, database: a.database });
    baseA = await listen(a.app);
    baseB = await listen(b.app);
  });
  afterAll(async () => {
    await Promise.all(open.map((socket) => socket.close()));
    await b?.close();
    await a?.close();
  });

  const createdIds = (socket: TestSocket, conversationId: string) =>
    socket
      .of('message.created')
      .filter((m) => m.conversationId === conversationId)
      .map((m) => m.id);

  async function online(base: string, user: { token: string }): Promise<TestSocket> {
    const socket = await connectAs(base, user);
    open.push(socket);
    return socket;
  }

  it('a member removed on one process gets nothing sent on the other after the removal', async () => {
    const [owner, witness, removed] = await createUsers(a.app, 3);
    const group = await createGroup(a.app, owner, [witness, removed]);
    const removedOnB = await online(baseB, removed);
    const removedOnA = await online(baseA, removed);
    const witnessOnB = await online(baseB, witness);
    const witnessOnA = await online(baseA, witness);
    const before = await sendMessage(b.app, owner, group.id, 'said on B while you were here');
    await removedOnB.next('message.created', (m) => m.id === before.id);

    await removeFromGroup(a.app, group.id, owner, removed);
    const after = await sendMessage(b.app, witness, group.id, 'said on B after you were removed on A');
    // The witness has a socket on each process: once both have the message, each process has delivered
    // it to everyone it delivers it to, and a round trip on the removed member's sockets flushes anything
    // that was meant for them.
    await witnessOnB.next('message.created', (m) => m.id === after.id);
    await witnessOnA.next('message.created', (m) => m.id === after.id);
    await removedOnB.sync();
    await removedOnA.sync();
    expect(createdIds(removedOnB, group.id)).toEqual([before.id]);
    expect(createdIds(removedOnA, group.id)).toEqual([before.id]);
  });

  it('a member added on one process hears what the other process sends from then on', async () => {
    const [owner, member, late] = await createUsers(a.app, 3);
    const group = await createGroup(a.app, owner, [member]);
    const lateOnB = await online(baseB, late);
    const earlier = await sendMessage(b.app, member, group.id, 'before you joined');

    await addToGroup(a.app, group.id, owner, late);
    const welcome = await sendMessage(b.app, member, group.id, 'welcome');
    await lateOnB.next('message.created', (m) => m.id === welcome.id);
    await lateOnB.sync();
    expect(createdIds(lateOnB, group.id)).toEqual([welcome.id]);
    expect(JSON.stringify(lateOnB.frames)).not.toContain(earlier.id);
  });

  it('delivers the text of a message byte for byte through Redis', async () => {
    const [owner, member] = await createUsers(a.app, 2);
    const group = await createGroup(a.app, owner, [member]);
    const memberOnB = await online(baseB, member);
    // Text that looks like the bus's own wire form, with quotes, brackets, escapes and four-byte characters.
    const content = 'a ] "event": {"kind":"deliver","userIds":["x"]} \\ "quoted" \n 😀 ñ } ]';
    const sent = await sendMessage(a.app, owner, group.id, content);
    expect(await memberOnB.next('message.created', (m) => m.id === sent.id)).toMatchObject({
      content,
      senderId: owner.id,
      conversationId: group.id,
    });
  });

  it('delivers what another version of the server publishes, in whatever key order', async () => {
    const [user] = await createUsers(a.app, 1);
    const socket = await online(baseB, user);
    const publisher = redisClient(redisUrl!);
    const event = { type: 'typing', data: { conversationId: user.id, userId: user.id, expiresInMs: 5000 } };
    try {
      await publisher.publish('chat:events', JSON.stringify({ event, userIds: [user.id], kind: 'deliver' }));
      await publisher.publish('chat:events', JSON.stringify({ kind: 'deliver', userIds: [user.id], event }));
    } finally {
      publisher.disconnect();
    }
    await socket.next('typing', () => socket.of('typing').length === 2);
    expect(socket.of('typing')).toEqual([event.data, event.data]);
  });
});
