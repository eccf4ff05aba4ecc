import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createDirect } from '../helpers/conversations.js';
import { createUsers, login, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { listAll, type Message, messagesUrl, sendMessage } from '../helpers/messages.js';
import { connectAs, type TestSocket } from '../helpers/ws.js';

const t = useTestApp();

interface Shown {
  content: string | null;
  deleted: boolean;
}

/** What a client displays: messages by id, and each member's receipt markers. */
interface ClientState {
  messages: Map<string, Shown>;
  receipts: Map<string, { lastReadMessageId: string | null; lastDeliveredMessageId: string | null }>;
}

function applyMessage(state: ClientState, message: Message) {
  state.messages.set(message.id, { content: message.content, deleted: message.deleted });
}

/** The always-online device: applies socket events as they come. */
function applyEvents(state: ClientState, socket: TestSocket, conversationId: string) {
  for (const frame of socket.frames) {
    if (!('conversationId' in frame.data) || frame.data.conversationId !== conversationId) continue;
    if (frame.type === 'message.created') {
      applyMessage(state, frame.data);
      // Sending reads the conversation up to the new message: no separate receipt event says so.
      const id = frame.data.id;
      state.receipts.set(frame.data.senderId, { lastReadMessageId: id, lastDeliveredMessageId: id });
    }
    if (frame.type === 'message.deleted' && frame.data.scope === 'everyone') {
      state.messages.set(frame.data.messageId, { content: null, deleted: true });
    }
    if (frame.type === 'receipt.updated') {
      const { lastReadMessageId, lastDeliveredMessageId } = frame.data;
      state.receipts.set(frame.data.userId, { lastReadMessageId, lastDeliveredMessageId });
    }
  }
}

async function conversationCursors(user: TestUser): Promise<Map<string, string>> {
  const response = await api(t.app, 'GET', '/api/v1/conversations', { token: user.token });
  expect(response.status).toBe(200);
  return new Map(response.body.data.items.map((item) => [item.id, item.syncCursor]));
}

async function loadBaseline(user: TestUser, conversationId: string): Promise<ClientState> {
  const state: ClientState = { messages: new Map(), receipts: new Map() };
  for (const message of await listAll(t.app, user, conversationId)) applyMessage(state, message);
  const changes = await api(t.app, 'GET', `/api/v1/conversations/${conversationId}/changes`, {
    token: user.token,
  });
  for (const receipt of changes.body.data.readStates) {
    const { lastReadMessageId, lastDeliveredMessageId } = receipt;
    state.receipts.set(receipt.userId, { lastReadMessageId, lastDeliveredMessageId });
  }
  return state;
}

describe('reconnecting', () => {
  it('ends with exactly what an always-online device has, with one request per changed conversation', async () => {
    const [alice, bob, carol] = await createUsers(t.app, 3);
    const chat = await createDirect(t.app, alice, bob);
    const quiet = await createDirect(t.app, bob, carol);
    await sendMessage(t.app, bob, chat.id, 'before the tunnel');
    await sendMessage(t.app, carol, quiet.id, 'nothing new after this');

    // Bob's laptop stays online throughout; his phone syncs, then loses its connection.
    const laptopToken = (await login(t.app, bob.email, bob.password)).token;
    const laptop = await connectAs(t.base, { token: laptopToken });
    const laptopState = await loadBaseline(bob, chat.id);
    const phone = await connectAs(t.base, bob);
    const phoneState = await loadBaseline(bob, chat.id);
    const storedCursors = await conversationCursors(bob);
    await phone.close();

    const sent = [];
    for (const content of ['one', 'two', 'three'])
      sent.push(await sendMessage(t.app, alice, chat.id, content));
    const deleted = await api(t.app, 'DELETE', `${messagesUrl(chat.id)}/${sent[1]!.id}`, {
      token: alice.token,
    });
    expect(deleted.status).toBe(200);
    await laptop.sync();

    // The recipe: socket first, then the list, then /changes for each conversation whose cursor moved.
    const phoneAgain = await connectAs(t.base, bob);
    const currentCursors = await conversationCursors(bob);
    const changed = [...currentCursors].filter(([id, cursor]) => storedCursors.get(id) !== cursor);
    expect(changed.map(([id]) => id)).toEqual([chat.id]);
    expect(currentCursors.get(quiet.id)).toBe(storedCursors.get(quiet.id));

    const since = storedCursors.get(chat.id)!;
    const changes = await api(t.app, 'GET', `/api/v1/conversations/${chat.id}/changes?since=${since}`, {
      token: bob.token,
    });
    expect(changes.status).toBe(200);
    expect(changes.body.data.nextCursor).toBeNull();
    for (const message of changes.body.data.items) applyMessage(phoneState, message);
    for (const receipt of changes.body.data.readStates) {
      const { lastReadMessageId, lastDeliveredMessageId } = receipt;
      phoneState.receipts.set(receipt.userId, { lastReadMessageId, lastDeliveredMessageId });
    }

    // The deletion is discoverable by the device that was away, as a tombstone.
    expect(phoneState.messages.get(sent[1]!.id)).toEqual({ content: null, deleted: true });
    expect(phoneState.messages.get(sent[2]!.id)).toEqual({ content: 'three', deleted: false });

    await laptop.sync();
    applyEvents(laptopState, laptop, chat.id);
    expect(phoneState.messages).toEqual(laptopState.messages);
    expect(phoneState.receipts.get(alice.id)).toEqual(laptopState.receipts.get(alice.id));
    expect(phoneState.messages.size).toBe(4);

    // Nothing further changed: the next sync from the new cursor is empty.
    const again = await api(
      t.app,
      'GET',
      `/api/v1/conversations/${chat.id}/changes?since=${changes.body.data.syncCursor}`,
      { token: bob.token },
    );
    expect(again.body.data.items).toEqual([]);
    await phoneAgain.close();
    await laptop.close();
  });
});
