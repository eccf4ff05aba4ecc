import { describe, expect, it, vi } from 'vitest';
import { createDirect } from '../../test/helpers/conversations.js';
import { createUser } from '../../test/helpers/factories.js';
import { listAll } from '../../test/helpers/messages.js';
import { createChatClient, MemoryStorage } from '../src/index.js';
import { clientOptions, connectAndSync, Gate, useTestServer } from './helpers.js';

const server = useTestServer();

describe('the outbox', () => {
  it('keeps a message sent while the server is unreachable across a restart and sends it once', async () => {
    const [ada, bob] = [await createUser(server.app), await createUser(server.app)];
    const chat = await createDirect(server.app, ada, bob);
    const gate = await Gate.open(server.baseUrl);
    const storage = new MemoryStorage();
    const before = await server.client(ada, { storage }, gate.url);
    await connectAndSync(before);

    await gate.cut();
    const local = await before.send(chat.id, { content: 'written in a tunnel' });
    expect(local.state).toBe('pending');
    // It tried and failed more than once (no server), and still waits.
    await vi.waitFor(() => expect(before.pending()[0]?.attempts).toBeGreaterThanOrEqual(2), {
      timeout: 10_000,
    });
    before.close();

    // The page reloads: a new client on the same storage finds the session and the unsent message.
    const after = server.track(await createChatClient(clientOptions(gate.url, { storage })));
    expect(after.loggedIn).toBe(true);
    expect(after.pending().map((item) => item.clientMessageId)).toEqual([local.clientMessageId]);

    await gate.restore();
    const sent = after.next('outbox', (item) => item.state === 'sent');
    after.connect();
    const confirmed = await sent;
    expect(confirmed.clientMessageId).toBe(local.clientMessageId);
    expect(after.pending()).toEqual([]);

    const stored = await listAll(server.app, ada, chat.id);
    expect(stored.map((message) => [message.content, message.clientMessageId])).toEqual([
      ['written in a tunnel', local.clientMessageId],
    ]);
    await gate.cut();
  });

  it('retries a send whose answer was lost and the server keeps one copy', async () => {
    const [ada, bob] = [await createUser(server.app), await createUser(server.app)];
    const chat = await createDirect(server.app, ada, bob);
    let posts = 0;
    // The request reaches the server and is stored, but the answer never comes back the first time.
    const flakyFetch = async (request: Request) => {
      const isSend = request.method === 'POST' && request.url.endsWith('/messages');
      const response = await fetch(request);
      if (isSend && ++posts === 1) throw new TypeError('network connection lost');
      return response;
    };
    const sender = await server.client(ada, { fetch: flakyFetch, autoAck: false });
    const receiver = await server.client(bob);
    // The sender has no socket, so no echo can settle the message: only the retry can.
    await connectAndSync(receiver);

    const sent = sender.next('outbox', (item) => item.state === 'sent');
    const local = await sender.send(chat.id, { content: 'only once' });
    const confirmed = await sent;
    expect(posts).toBe(2);
    expect(confirmed.message?.clientMessageId).toBe(local.clientMessageId);

    const stored = await listAll(server.app, ada, chat.id);
    expect(stored.map((message) => message.id)).toEqual([confirmed.message!.id]);
    await vi.waitFor(() =>
      expect(receiver.store.messages(chat.id).map((m) => m.content)).toEqual(['only once']),
    );
  });

  it('gives up on a message the server refuses, saying why', async () => {
    const [ada, bob] = [await createUser(server.app), await createUser(server.app)];
    const chat = await createDirect(server.app, ada, bob);
    const sender = await server.client(ada);
    const failed = sender.next('outbox', (item) => item.state === 'failed');
    await sender.send(chat.id, { content: '   ' });
    const outcome = await failed;
    expect(outcome.error?.code).toBe('VALIDATION_FAILED');
    expect(sender.pending()).toEqual([]);
  });
});
