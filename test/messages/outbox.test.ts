// Events of committed writes are owed until they go out: a process that commits and then fails to publish
// (it died, its bus or its audience query failed) leaves an outbox row; a retried send publishes it at
// once, and the relay of any process publishes it after EVENT_RELAY_DELAY.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { MemoryBus, RedisBus } from '../../src/realtime/bus.js';
import { redisClient } from '../../src/runtime.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createDirect } from '../helpers/conversations.js';
import { createUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { messagesUrl } from '../helpers/messages.js';
import { connectAs, listen } from '../helpers/ws.js';

const redisUrl = process.env.REDIS_URL;

async function owed(t: TestApp, messageId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: t.database.url });
  await client.connect();
  try {
    const { rows } = await client.query('select event from event_outbox where message_id = $1', [messageId]);
    return rows.map((row) => row.event as string).sort();
  } finally {
    await client.end();
  }
}

describe.skipIf(!redisUrl)('a process that committed a message but could not publish its event', () => {
  let broken: RedisBus;
  let crashed: TestApp;
  let healthy: TestApp;
  let relaying: TestApp;
  let healthyBase: string;
  let relayingBase: string;
  beforeAll(async () => {
    // Its bus refuses every publish: what a process that died right after the commit leaves behind.
    const publisher = redisClient(redisUrl!);
    broken = new RedisBus(publisher, redisClient(redisUrl!, { subscriber: true }));
    await broken.start();
    publisher.disconnect();
    crashed = await createTestApp({ bus: broken, env: { EVENT_RELAY_DELAY: '1h' } });
    healthy = await createTestApp({ database: crashed.database, env: { EVENT_RELAY_DELAY: '1h' } });
    relaying = await createTestApp({ database: crashed.database, env: { EVENT_RELAY_DELAY: '200ms' } });
    healthyBase = await listen(healthy.app);
    relayingBase = await listen(relaying.app);
  });
  afterAll(async () => {
    await relaying?.close();
    await healthy?.close();
    await crashed?.close();
    await broken?.close();
  });

  it('publishes the event when the client retries the send on another process', async () => {
    const alice = await createUser(healthy.app);
    const bob = await createUser(healthy.app);
    const chat = await createDirect(healthy.app, alice, bob);
    const bobSocket = await connectAs(healthyBase, bob);
    const body = { content: 'acknowledged, then the process died', clientMessageId: 'retry-1' };
    const first = await api(crashed.app, 'POST', messagesUrl(chat.id), { token: alice.token, body });
    expect(first.status).toBe(201);
    expect(await owed(crashed, first.body.data.id)).toEqual(['message.created']);

    const retry = await api(healthy.app, 'POST', messagesUrl(chat.id), { token: alice.token, body });
    expect(retry.status).toBe(200);
    expect(retry.body.data.id).toBe(first.body.data.id);
    expect(await bobSocket.next('message.created', (m) => m.id === first.body.data.id)).toMatchObject({
      content: body.content,
    });
    await expect.poll(() => owed(crashed, first.body.data.id), { timeout: 10_000 }).toEqual([]);
    await bobSocket.close();
  });

  it('is published by the relay of another process when nobody retries, deletes for everyone too', async () => {
    const alice = await createUser(relaying.app);
    const bob = await createUser(relaying.app);
    const chat = await createDirect(relaying.app, alice, bob);
    const bobSocket = await connectAs(relayingBase, bob);
    const sent = await api(crashed.app, 'POST', messagesUrl(chat.id), {
      token: alice.token,
      body: { content: 'nobody retries this one' },
    });
    expect(sent.status).toBe(201);
    const id = sent.body.data.id;
    expect(await bobSocket.next('message.created', (m) => m.id === id, 15_000)).toMatchObject({
      content: 'nobody retries this one',
    });

    const deleted = await api(crashed.app, 'DELETE', `${messagesUrl(chat.id)}/${id}?scope=everyone`, {
      token: alice.token,
    });
    expect(deleted.status).toBe(200);
    expect(await bobSocket.next('message.deleted', (d) => d.messageId === id, 15_000)).toMatchObject({
      scope: 'everyone',
      deletedBy: alice.id,
    });
    await expect.poll(() => owed(crashed, id), { timeout: 10_000 }).toEqual([]);
    await bobSocket.close();
  });

  it('relays an edit and a reaction as message.updated, the message as it is then', async () => {
    const alice = await createUser(relaying.app);
    const bob = await createUser(relaying.app);
    const chat = await createDirect(relaying.app, alice, bob);
    const sent = await api(relaying.app, 'POST', messagesUrl(chat.id), {
      token: alice.token,
      body: { content: 'see you at 5' },
    });
    const id = sent.body.data.id;
    // The send's own row goes once its event is out (deletes are batched): wait for that first.
    await expect.poll(() => owed(crashed, id), { timeout: 10_000 }).toEqual([]);
    const bobSocket = await connectAs(relayingBase, bob);
    const url = `${messagesUrl(chat.id)}/${id}` as const;
    const edited = await api(crashed.app, 'PATCH', url, { token: alice.token, body: { content: 'at 6' } });
    expect(edited.status).toBe(200);
    const reacted = await api(crashed.app, 'PUT', `${url}/reaction`, {
      token: alice.token,
      body: { emoji: '👍' },
    });
    expect(reacted.status).toBe(200);
    // Two changes, one row: the relay sends the message once, with both.
    expect(await owed(crashed, id)).toEqual(['message.updated']);
    const update = await bobSocket.next('message.updated', (m) => m.id === id, 15_000);
    expect(update).toMatchObject({ content: 'at 6', reactions: [{ emoji: '👍', count: 1, me: false }] });
    await expect.poll(() => owed(crashed, id), { timeout: 10_000 }).toEqual([]);
    await bobSocket.close();
  });
});

describe('a send whose audience query fails after the commit', () => {
  const role = `chat_no_periods_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const bus = new MemoryBus();
  let normal: TestApp;
  let limited: TestApp;
  let admin: pg.Client;
  beforeAll(async () => {
    normal = await createTestApp({ bus, env: { EVENT_RELAY_DELAY: '200ms' } });
    admin = new pg.Client({ connectionString: normal.database.url });
    await admin.connect();
    // A login that may write messages but not read membership periods. A batch of sends reads them (it
    // checks reply targets) and is refused as a whole, so the send is written on its own, which needs none;
    // then the audience query after its commit reads them, and building its event fails.
    // With a password: the embedded cluster asks for one (SCRAM) where the machine's server may trust.
    await admin.query(`create role ${role} login password '${password}'`);
    await admin.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
    await admin.query(`grant usage on all sequences in schema public to ${role}`);
    await admin.query(`revoke select on membership_periods from ${role}`);
    const url = new URL(normal.database.url);
    url.username = role;
    url.password = password;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4, migrate: false });
    limited = await createTestApp({ bus, database: { ...database, url: url.toString() } });
  });
  afterAll(async () => {
    await limited?.app.close();
    await limited?.database.close();
    await admin?.end();
    await normal?.close();
    const { serverUrl } = inject('testDatabase');
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`drop role if exists ${role}`).catch(() => {});
    await cleanup.end();
  });

  it('answers 201 (the message is stored) and its event still reaches the recipient', async () => {
    const alice = await createUser(normal.app);
    const bob = await createUser(normal.app);
    const chat = await createDirect(normal.app, alice, bob);
    const bobSocket = await connectAs(await listen(normal.app), bob);
    const sent = await api(limited.app, 'POST', messagesUrl(chat.id), {
      token: alice.token,
      body: { content: 'stored before the audience query failed' },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ content: 'stored before the audience query failed' });
    // The relay of a process that can read the audience sends it.
    expect(await bobSocket.next('message.created', (m) => m.id === sent.body.data.id, 15_000)).toMatchObject({
      senderId: alice.id,
    });
    await bobSocket.close();
  });
});
