// Message search through HTTP on the real database: words and prefixes with case and accents ignored,
// newest first with keyset pages, escaped snippets, and only what the caller may read now (the
// outsider, the late joiner, the removed member and the one who deleted a message for themselves).
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { conversations } from '../../src/db/schema.js';
import { LARGE_CONVERSATION_MESSAGES } from '../../src/modules/search/queries.js';
import { createTestApp, useTestApp } from '../helpers/app.js';
import { addToGroup, createDirect, createGroup, removeFromGroup } from '../helpers/conversations.js';
import { createUser, type TestUser } from '../helpers/factories.js';
import { api, openApiDocument } from '../helpers/http.js';
import { messagesUrl, sendMessage } from '../helpers/messages.js';

const t = useTestApp();
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  [alice, bob, carol, outsider] = [
    await createUser(t.app, { firstName: 'Alice', lastName: 'Smith' }),
    await createUser(t.app, { firstName: 'Bob', lastName: 'Jones' }),
    await createUser(t.app),
    await createUser(t.app),
  ];
});

function searchUrl(q: string, extra: Record<string, string | number> = {}) {
  const params = new URLSearchParams({
    q,
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])),
  });
  return `/api/v1/search/messages?${params}` as const;
}
const search = (user: TestUser, q: string, extra: Record<string, string | number> = {}) =>
  api(t.app, 'GET', searchUrl(q, extra), { token: user.token });

/** The contents `user` finds for `q` in one conversation (newest first). */
async function found(user: TestUser, q: string, conversationId: string): Promise<(string | null)[]> {
  const response = await search(user, q, { conversationId, limit: 50 });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data.items.map((hit) => hit.message.content);
}

describe('matching', () => {
  it('finds every word, whole or by its start, whatever the case and accents, in Spanish and English', async () => {
    const group = await createGroup(t.app, alice, [bob], 'Música');
    await sendMessage(t.app, alice, group.id, 'Esa canción de la MAÑANA');
    await sendMessage(t.app, bob, group.id, 'The meeting moved to Friday');
    await sendMessage(t.app, bob, group.id, 'Reunión del viernes: ¿quién viene?');
    await sendMessage(t.app, alice, group.id, 'Straße und Café');

    expect(await found(bob, 'cancion', group.id)).toEqual(['Esa canción de la MAÑANA']);
    expect(await found(bob, 'CANCIÓN mañana', group.id)).toEqual(['Esa canción de la MAÑANA']);
    expect(await found(bob, 'canc', group.id)).toEqual(['Esa canción de la MAÑANA']);
    expect(await found(bob, 'cancion viernes', group.id)).toEqual([]);
    expect(await found(alice, 'reunion quien', group.id)).toEqual(['Reunión del viernes: ¿quién viene?']);
    expect(await found(alice, 'meet fri', group.id)).toEqual(['The meeting moved to Friday']);
    // No stemming: "meetings" is not a word of "meeting".
    expect(await found(alice, 'meetings', group.id)).toEqual([]);
    expect(await found(alice, 'strasse cafe', group.id)).toEqual(['Straße und Café']);
    // Only punctuation: there is no word to look for.
    expect(await found(alice, '¿?!', group.id)).toEqual([]);
  });

  it('finds an edited message by its new text only', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const message = await sendMessage(t.app, alice, group.id, 'lunch at noon');
    await api(t.app, 'PATCH', `${messagesUrl(group.id)}/${message.id}`, {
      token: alice.token,
      body: { content: 'dinner at eight' },
    });
    expect(await found(bob, 'lunch', group.id)).toEqual([]);
    expect(await found(bob, 'dinner', group.id)).toEqual(['dinner at eight']);
  });

  it('answers each hit with the message as the caller sees it, its conversation and an escaped snippet', async () => {
    const group = await createGroup(t.app, alice, [bob], 'Team <script>');
    const direct = await createDirect(t.app, alice, bob);
    const filler = 'word '.repeat(30);
    const inGroup = await sendMessage(
      t.app,
      alice,
      group.id,
      `${filler}the <b>"budget"</b> & Budgets for\nnext year ${filler}`,
    );
    await api(t.app, 'PUT', `${messagesUrl(group.id)}/${inGroup.id}/reaction`, {
      token: bob.token,
      body: { emoji: '👍' },
    });
    const inDirect = await sendMessage(t.app, bob, direct.id, 'Budget approved');

    const response = await search(alice, 'budget');
    expect(response.status).toBe(200);
    const [first, second] = response.body.data.items;
    expect(first).toEqual({
      message: expect.objectContaining({ id: inDirect.id, status: null }),
      conversation: { id: direct.id, type: 'direct', title: 'Bob Jones' },
      snippet: '<mark>Budget</mark> approved',
    });
    expect(second!.conversation).toEqual({ id: group.id, type: 'group', title: 'Team <script>' });
    expect(second!.message).toMatchObject({
      id: inGroup.id,
      status: 'sent',
      reactions: [{ emoji: '👍', count: 1, me: false }],
    });
    // Escaped text, whole words marked (a tag's letters are text too), cut on word boundaries.
    expect(second!.snippet).toBe(
      '…word word word word word word the &lt;b&gt;&quot;<mark>budget</mark>&quot;&lt;/b&gt; ' +
        '&amp; <mark>Budgets</mark> for next year word word word word word word word word word word word ' +
        'word word word word word word…',
    );
  });
});

describe('paging', () => {
  it('walks newest first with a cursor, without gaps or repeats', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    for (let i = 1; i <= 25; i += 1) await sendMessage(t.app, alice, group.id, `pager note ${i}`);
    await sendMessage(t.app, alice, group.id, 'something else');
    const seen: (string | null)[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const extra: Record<string, string | number> = { conversationId: group.id, limit: 10 };
      if (cursor) extra.cursor = cursor;
      const response = await search(bob, 'pager', extra);
      expect(response.status).toBe(200);
      seen.push(...response.body.data.items.map((hit) => hit.message.content));
      cursor = response.body.data.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `pager note ${25 - i}`));
  });

  it('pages newest first across large and small chats alike, and within a large one', async () => {
    // Chats past LARGE_CONVERSATION_MESSAGES are searched by statements of their own and merged. Their
    // size is read from the conversation's last seq: set it past the bound before anything is sent, as
    // if thousands of messages had gone before (sending them all would take the test minutes).
    const large = await createGroup(t.app, alice, [bob]);
    const larger = await createGroup(t.app, alice, [bob]);
    const small = await createGroup(t.app, alice, [bob]);
    const direct = await createDirect(t.app, alice, bob);
    for (const [group, seq] of [
      [large, LARGE_CONVERSATION_MESSAGES + 1],
      [larger, LARGE_CONVERSATION_MESSAGES * 2],
    ] as const) {
      await t.database.db.update(conversations).set({ lastSeq: seq }).where(eq(conversations.id, group.id));
    }
    const chats = [large, small, larger, direct, large, large, direct, larger, small, large];
    const sent: string[] = [];
    for (const [n, chat] of chats.entries()) {
      sent.push(`tapir ${n}`);
      await sendMessage(t.app, alice, chat.id, `tapir ${n}`);
    }
    await sendMessage(t.app, alice, large.id, 'no such animal');
    const walk = async (extra: Record<string, string | number>) => {
      const seen: (string | null)[] = [];
      let cursor: string | null = null;
      do {
        const response = await search(bob, 'tapir', { ...extra, limit: 3, ...(cursor ? { cursor } : {}) });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        seen.push(...response.body.data.items.map((hit) => hit.message.content));
        cursor = response.body.data.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await walk({})).toEqual([...sent].reverse());
    const inLarge = chats.flatMap((chat, n) => (chat === large ? [`tapir ${n}`] : [])).reverse();
    expect(await walk({ conversationId: large.id })).toEqual(inLarge);
    // Carol is in none of these chats; Bob, once removed from the larger one, no longer finds it there.
    expect((await search(carol, 'tapir')).body.data.items).toEqual([]);
    await removeFromGroup(t.app, larger.id, alice, bob);
    const kept = chats.flatMap((chat, n) => (chat === larger ? [] : [`tapir ${n}`])).reverse();
    expect(await walk({})).toEqual(kept);
  });

  it('rejects a tampered cursor with 422', async () => {
    const bad = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    const response = await search(alice, 'anything', { cursor: bad });
    expect(response.status).toBe(422);
    expect((await search(alice, 'anything', { cursor: 'not a cursor' })).status).toBe(422);
  });
});

describe('bad input', () => {
  it('answers 422 to an empty, blank or over-long query, and accepts 200 characters', async () => {
    for (const q of ['', '   ', 'x'.repeat(201), 'x'.repeat(500)]) {
      const response = await search(alice, q);
      expect(response.status, JSON.stringify(q)).toBe(422);
      expect(response.body).toMatchObject({ error: true, code: 'VALIDATION_FAILED' });
    }
    expect((await api(t.app, 'GET', '/api/v1/search/messages', { token: alice.token })).status).toBe(422);
    expect((await search(alice, 'ñ'.repeat(200))).status).toBe(200);
  });

  it('needs a token', async () => {
    expect((await api(t.app, 'GET', searchUrl('hello'))).status).toBe(401);
  });

  it('answers 429 past MESSAGE_SEARCH_RATE_LIMIT searches a minute', async () => {
    const limited = await createTestApp({ env: { MESSAGE_SEARCH_RATE_LIMIT: '2' }, database: t.database });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        statuses.push((await api(limited.app, 'GET', searchUrl('hello'), { token: carol.token })).status);
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('what the caller may read now', () => {
  it('leaves out conversations the caller is not in, and answers 404 for one named', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    await sendMessage(t.app, alice, group.id, 'classified quokka plans');
    expect((await search(outsider, 'quokka')).body.data.items).toEqual([]);
    const named = await search(outsider, 'quokka', { conversationId: group.id });
    expect(named.status).toBe(404);
    expect(named.body.data).toBeUndefined();
    const unknown = await search(alice, 'quokka', { conversationId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect((await search(bob, 'quokka')).body.data.items).toHaveLength(1);
  });

  it('shows a late joiner only what was said after they joined', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    await sendMessage(t.app, alice, group.id, 'wombat before carol');
    await addToGroup(t.app, group.id, alice, carol);
    await sendMessage(t.app, alice, group.id, 'wombat after carol');
    expect(await found(carol, 'wombat', group.id)).toEqual(['wombat after carol']);
    const everywhere = await search(carol, 'wombat');
    expect(everywhere.body.data.items.map((hit) => hit.message.content)).toEqual(['wombat after carol']);
    expect(await found(bob, 'wombat', group.id)).toEqual(['wombat after carol', 'wombat before carol']);
  });

  it('finds nothing of a group for a member who was removed from it', async () => {
    const group = await createGroup(t.app, alice, [bob, carol]);
    await sendMessage(t.app, alice, group.id, 'platypus while carol was in');
    await removeFromGroup(t.app, group.id, alice, carol);
    await sendMessage(t.app, alice, group.id, 'platypus after carol left');
    expect((await search(carol, 'platypus')).body.data.items).toEqual([]);
    expect((await search(carol, 'platypus', { conversationId: group.id })).status).toBe(404);
  });

  it('leaves out messages deleted for everyone, and for me those I deleted for myself', async () => {
    const group = await createGroup(t.app, alice, [bob]);
    const gone = await sendMessage(t.app, alice, group.id, 'axolotl erased');
    const hidden = await sendMessage(t.app, alice, group.id, 'axolotl hidden by bob');
    await sendMessage(t.app, alice, group.id, 'axolotl kept');
    await api(t.app, 'DELETE', `${messagesUrl(group.id)}/${gone.id}`, { token: alice.token });
    await api(t.app, 'DELETE', `${messagesUrl(group.id)}/${hidden.id}?scope=me`, { token: bob.token });
    expect(await found(bob, 'axolotl', group.id)).toEqual(['axolotl kept']);
    expect(await found(alice, 'axolotl', group.id)).toEqual(['axolotl kept', 'axolotl hidden by bob']);
  });
});

describe('documentation', () => {
  it('publishes the search route in the OpenAPI document', async () => {
    const route = (await openApiDocument(t.app)).paths['/api/v1/search/messages'];
    expect(route?.get?.operationId).toBe('searchMessages');
    expect(Object.keys(route?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '401', '404', '422', '429']),
    );
  });
});
