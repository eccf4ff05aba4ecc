// Every route answers bad input (malformed ids, tampered cursors, out-of-range limits, wrong types)
// with a clear 4xx in the error envelope: never a 500, never SQL or a stack trace.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/core/pagination.js';
import { useTestApp } from '../helpers/app.js';
import { createGroup } from '../helpers/conversations.js';
import { createUser, type TestUser } from '../helpers/factories.js';
import { api, type Envelope, type Method } from '../helpers/http.js';
import { sendMessage } from '../helpers/messages.js';

interface Probe {
  method: Method;
  url: string;
  body?: unknown;
}

const t = useTestApp();
let alice: TestUser;
let groupId: string;
let messageId: string;
let inviteCode: string;

beforeAll(async () => {
  alice = await createUser(t.app);
  const bob = await createUser(t.app);
  groupId = (await createGroup(t.app, alice, [bob])).id;
  messageId = (await sendMessage(t.app, alice, groupId, 'hello')).id;
  const invite = await api(t.app, 'POST', `/api/v1/conversations/${groupId}/invites`, {
    token: alice.token,
    body: {},
  });
  inviteCode = invite.body.data.code;
});

const BAD_IDS = [
  'not-a-uuid',
  '12345',
  // Accepted by some UUID validators (URN form) but not by PostgreSQL.
  `urn:uuid:${randomUUID()}`,
  `{${randomUUID()}}`,
  '%00',
  "1' or '1'='1",
  '%E0%A4%A',
  'x'.repeat(150),
];

const BAD_LIMITS = ['0', '-1', '101', '1e10', 'abc', '1.5', '99999999999999999999'];

/** Cursors no server ever issued: garbage, wrong shapes, and well-formed ones holding bad values. */
const BAD_CURSORS = [
  'garbage!!',
  encodeCursor([]),
  encodeCursor(['x']),
  encodeCursor([1, 2, 3]),
  encodeCursor([-1]),
  encodeCursor([1.5]),
  encodeCursor(['2020-99-99T99:99:99.999999Z', randomUUID()]),
  encodeCursor(['2024-01-01T00:00:00.000000Z', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz']),
  encodeCursor(['not a date', randomUUID()]),
  encodeCursor(['-271821-04-20T00:00:00.000Z', randomUUID()]),
  encodeCursor(['+275760-09-13T00:00:00.000Z', randomUUID()]),
  encodeCursor(['0000-01-01T00:00:00.000000Z', randomUUID()]),
  encodeCursor(['-'.repeat(36)]),
  encodeCursor(['a', 'b', 'not-a-uuid']),
  encodeCursor(['a', 'b', '-'.repeat(36)]),
  // PostgreSQL text cannot hold NUL: a cursor carrying one must never reach a query.
  encodeCursor(['a\u0000', 'b', randomUUID()]),
  encodeCursor(['2024-01-01T00:00:00.000Z\u0000', randomUUID()]),
  encodeCursor([`${randomUUID()}\u0000`]),
  Buffer.from('{"a":1}').toString('base64url'),
  'x'.repeat(201),
];

function idProbes(): Probe[] {
  const probes: Probe[] = [];
  for (const bad of BAD_IDS) {
    const id = encodeURIComponent(bad);
    probes.push(
      { method: 'GET', url: `/api/v1/users/${id}` },
      { method: 'GET', url: `/api/v1/conversations/${id}` },
      { method: 'PATCH', url: `/api/v1/conversations/${id}`, body: { title: 'x' } },
      { method: 'DELETE', url: `/api/v1/conversations/${id}` },
      { method: 'GET', url: `/api/v1/conversations/${id}/participants` },
      { method: 'POST', url: `/api/v1/conversations/${groupId}/participants`, body: { userId: bad } },
      {
        method: 'PATCH',
        url: `/api/v1/conversations/${groupId}/participants/${id}`,
        body: { role: 'admin' },
      },
      { method: 'DELETE', url: `/api/v1/conversations/${groupId}/participants/${id}` },
      { method: 'GET', url: `/api/v1/conversations/${id}/messages` },
      { method: 'POST', url: `/api/v1/conversations/${id}/messages`, body: { content: 'hi' } },
      {
        method: 'POST',
        url: `/api/v1/conversations/${groupId}/messages`,
        body: { content: 'hi', replyToId: bad },
      },
      { method: 'GET', url: `/api/v1/conversations/${groupId}/messages/${id}` },
      { method: 'DELETE', url: `/api/v1/conversations/${groupId}/messages/${id}` },
      { method: 'GET', url: `/api/v1/conversations/${groupId}/messages/${id}/receipts` },
      {
        method: 'POST',
        url: `/api/v1/conversations/${groupId}/messages/${messageId}/forward`,
        body: { conversationIds: [bad] },
      },
      { method: 'POST', url: `/api/v1/conversations/${groupId}/read`, body: { messageId: bad } },
      { method: 'GET', url: `/api/v1/conversations/${id}/changes` },
      { method: 'GET', url: `/api/v1/conversations/${id}/invites` },
      { method: 'POST', url: `/api/v1/conversations/${id}/invites`, body: {} },
      { method: 'DELETE', url: `/api/v1/conversations/${id}/invites/${inviteCode}` },
      { method: 'GET', url: `/api/v1/invites/${id}` },
      { method: 'POST', url: `/api/v1/invites/${id}/join` },
      { method: 'DELETE', url: `/api/v1/conversations/${id}/image` },
    );
  }
  return probes;
}

function listUrls(): string[] {
  return [
    '/api/v1/users?search=a',
    '/api/v1/conversations',
    `/api/v1/conversations/${groupId}/participants`,
    `/api/v1/conversations/${groupId}/messages`,
    `/api/v1/conversations/${groupId}/invites`,
  ];
}

function pagingProbes(): Probe[] {
  const probes: Probe[] = [];
  for (const url of listUrls()) {
    const query = url.includes('?') ? '&' : '?';
    for (const limit of BAD_LIMITS) probes.push({ method: 'GET', url: `${url}${query}limit=${limit}` });
    for (const cursor of BAD_CURSORS) probes.push({ method: 'GET', url: `${url}${query}cursor=${cursor}` });
  }
  const messages = `/api/v1/conversations/${groupId}/messages` as const;
  for (const cursor of BAD_CURSORS) {
    probes.push({ method: 'GET', url: `${messages}?before=${cursor}` });
    probes.push({ method: 'GET', url: `${messages}?after=${cursor}` });
    probes.push({ method: 'GET', url: `/api/v1/conversations/${groupId}/changes?since=${cursor}` });
  }
  for (const limit of BAD_LIMITS) {
    probes.push({ method: 'GET', url: `/api/v1/conversations/${groupId}/changes?since=x&limit=${limit}` });
  }
  return probes;
}

function bodyProbes(): Probe[] {
  const conversations = '/api/v1/conversations';
  const messages = `${conversations}/${groupId}/messages`;
  // Values no coercion can turn into a valid one (the app coerces '42' -> 42 and 42 -> '42' on purpose).
  const wrong = [null, { nested: { deep: 1 } }, [{}, {}]];
  const probes: Probe[] = [];
  for (const value of wrong) {
    probes.push(
      { method: 'POST', url: conversations, body: { type: value, participantIds: [] } },
      { method: 'POST', url: conversations, body: { type: 'group', title: value, participantIds: [] } },
      { method: 'POST', url: conversations, body: { type: 'direct', participantIds: value } },
      { method: 'PATCH', url: `${conversations}/${groupId}`, body: { title: value } },
      { method: 'POST', url: messages, body: { content: value } },
      { method: 'POST', url: messages, body: { content: 'hi', clientMessageId: value } },
      { method: 'POST', url: `${messages}/${messageId}/forward`, body: { conversationIds: value } },
      { method: 'POST', url: `${conversations}/${groupId}/read`, body: { messageId: value } },
      { method: 'POST', url: `${conversations}/${groupId}/invites`, body: { maxUses: value } },
      { method: 'POST', url: `${conversations}/${groupId}/invites`, body: { expiresAt: value } },
      { method: 'PATCH', url: '/api/v1/users/me', body: { firstName: value } },
      { method: 'PUT', url: '/api/v1/users/me/password', body: { currentPassword: value } },
    );
  }
  probes.push(
    { method: 'POST', url: messages, body: { content: '   ' } },
    { method: 'POST', url: messages, body: { content: 'x'.repeat(5000) } },
    { method: 'POST', url: messages, body: { content: 'hi', replyToId: randomUUID() } },
    { method: 'POST', url: `${conversations}/${groupId}/invites`, body: { maxUses: -5 } },
    { method: 'POST', url: `${conversations}/${groupId}/invites`, body: { maxUses: 1e12 } },
    {
      method: 'POST',
      url: `${conversations}/${groupId}/invites`,
      body: { expiresAt: '2020-01-01T00:00:00Z' },
    },
    {
      method: 'POST',
      url: `${conversations}/${groupId}/invites`,
      body: { expiresAt: '9999-12-31T23:59:59Z' },
    },
    {
      method: 'POST',
      url: `${conversations}/${groupId}/invites`,
      body: { expiresAt: '2024-02-30T25:61:00Z' },
    },
    { method: 'POST', url: `${messages}/${messageId}/forward`, body: { conversationIds: [] } },
    {
      method: 'POST',
      url: `${messages}/${messageId}/forward`,
      body: { conversationIds: Array.from({ length: 6 }, () => randomUUID()) },
    },
    { method: 'DELETE', url: `${messages}/${messageId}?scope=nobody` },
    { method: 'GET', url: `/api/v1/users?search=${'x'.repeat(101)}` },
    { method: 'GET', url: `/api/v1/invites/${'x'.repeat(300)}` },
    { method: 'GET', url: '/media/..%2F..%2Fetc%2Fpasswd' },
    { method: 'GET', url: '/media/nothing-here.webp' },
    { method: 'GET', url: '/api/v1/no-such-route' },
  );
  return probes;
}

/** What is wrong with the answer to a bad request, or null when it is a proper 4xx envelope. */
function clientErrorProblem(response: { status: number; body: unknown }): string | null {
  const body = response.body as Partial<Envelope<unknown>> | null;
  if (response.status < 400 || response.status >= 500) return `answered ${response.status}`;
  if (body?.error !== true || body.status !== response.status) return 'not the error envelope';
  if (typeof body.code !== 'string' || typeof body.message !== 'string') return 'no code or message';
  if (/select |insert |update |syntax|\bat .*\.[jt]s:/i.test(JSON.stringify(body))) return 'leaks internals';
  return null;
}

function expectClientError(probe: Probe, response: { status: number; body: unknown }) {
  const problem = clientErrorProblem(response);
  const where = `${probe.method} ${probe.url} ${JSON.stringify(probe.body ?? null)}`;
  expect(problem, `${where}: ${JSON.stringify(response.body)}`).toBeNull();
}

/** Runs every probe and reports all the wrong answers at once. */
async function run(probes: Probe[]) {
  const failures: string[] = [];
  for (const probe of probes) {
    const response = await api(t.app, probe.method, probe.url, {
      token: alice.token,
      ...(probe.body !== undefined ? { body: probe.body } : {}),
    });
    const problem = clientErrorProblem(response);
    if (problem) {
      failures.push(`${probe.method} ${probe.url} ${JSON.stringify(probe.body ?? null)}: ${problem}`);
    }
  }
  expect(failures).toEqual([]);
}

describe('bad input is a clear 4xx envelope on every route', () => {
  it('malformed ids in paths and bodies', async () => {
    await run(idProbes());
  });

  it('out-of-range limits and cursors no server issued', async () => {
    await run(pagingProbes());
  });

  it('wrong types, empty and oversized bodies', async () => {
    await run(bodyProbes());
  });

  it('auth routes: wrong types, unknown and absurd tokens', async () => {
    const auth = '/api/v1/auth';
    const probes: Probe[] = [];
    for (const value of [null, { nested: 1 }, [{}, {}], 'x'.repeat(300)]) {
      probes.push(
        {
          method: 'POST',
          url: `${auth}/signup`,
          body: { firstName: value, lastName: 'L', email: 'a@example.com', password: 'long enough' },
        },
        {
          method: 'POST',
          url: `${auth}/signup`,
          body: { firstName: 'F', lastName: 'L', email: value, password: 'x' },
        },
        { method: 'POST', url: `${auth}/login`, body: { email: value, password: 'whatever' } },
        { method: 'POST', url: `${auth}/login`, body: { email: 'a@example.com', password: value } },
        { method: 'POST', url: `${auth}/refresh`, body: { refreshToken: value } },
        { method: 'POST', url: `${auth}/verify-account`, body: { token: value } },
        { method: 'POST', url: `${auth}/recovery-password`, body: { email: value } },
      );
    }
    probes.push(
      { method: 'POST', url: `${auth}/refresh`, body: { refreshToken: 'never-issued' } },
      { method: 'POST', url: `${auth}/verify-account`, body: { token: 'never-issued' } },
      {
        method: 'PATCH',
        url: `${auth}/recovery-password/never-issued`,
        body: { password: 'long enough pw' },
      },
      {
        method: 'PATCH',
        url: `${auth}/recovery-password/${'x'.repeat(300)}`,
        body: { password: 'long enough' },
      },
      { method: 'PATCH', url: `${auth}/recovery-password/%E0%A4%A`, body: { password: 'long enough' } },
      { method: 'POST', url: `${auth}/login`, body: 'not json at all' },
      { method: 'POST', url: `${auth}/login` },
    );
    await run(probes);
  });

  it('text with NUL characters, which PostgreSQL cannot store', async () => {
    const nul = 'a\u0000b';
    const messages = `/api/v1/conversations/${groupId}/messages` as const;
    await run([
      { method: 'POST', url: messages, body: { content: nul } },
      { method: 'POST', url: messages, body: { content: 'hi', clientMessageId: nul } },
      {
        method: 'POST',
        url: '/api/v1/conversations',
        body: { type: 'group', title: nul, participantIds: [] },
      },
      { method: 'PATCH', url: `/api/v1/conversations/${groupId}`, body: { description: nul } },
      { method: 'PATCH', url: '/api/v1/users/me', body: { about: nul } },
      { method: 'PATCH', url: '/api/v1/users/me', body: { firstName: nul } },
      { method: 'GET', url: '/api/v1/users?search=%00' },
      { method: 'GET', url: `/api/v1/invites/a%00b` },
      { method: 'POST', url: '/api/v1/auth/refresh', body: { refreshToken: nul } },
      { method: 'POST', url: '/api/v1/auth/verify-account', body: { token: nul } },
      { method: 'POST', url: '/api/v1/auth/login', body: { email: 'a@example.com', password: nul } },
      {
        method: 'POST',
        url: '/api/v1/auth/signup',
        body: { firstName: nul, lastName: 'L', email: 'nul@example.com', password: 'long enough' },
      },
    ]);
  });

  it('raw bodies: broken JSON, prototype poisoning, deep nesting, other content types', async () => {
    const url = `/api/v1/conversations/${groupId}/messages` as const;
    const raws: [string, string][] = [
      ['application/json', '{"content": "unterminated'],
      ['application/json', '{"__proto__": {"admin": true}, "content": "hi"}'],
      ['application/json', '{"constructor": {"prototype": {"admin": true}}, "content": "hi"}'],
      ['application/json', `{"content": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
      ['application/json', ''],
      ['text/plain', 'hello'],
      ['application/xml', '<content>hi</content>'],
      ['application/x-www-form-urlencoded', 'content=hi'],
    ];
    const failures: string[] = [];
    for (const [type, payload] of raws) {
      const response = await t.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { 'content-type': type, authorization: `Bearer ${alice.token}` },
      });
      const problem = clientErrorProblem({ status: response.statusCode, body: response.json<unknown>() });
      if (problem) failures.push(`${type} ${payload.slice(0, 60)}: ${problem}`);
    }
    expect(failures).toEqual([]);
  });

  it('ids that are well formed but do not exist', async () => {
    const ghost = randomUUID();
    await run([
      { method: 'GET', url: `/api/v1/users/${ghost}` },
      { method: 'GET', url: `/api/v1/conversations/${ghost}` },
      { method: 'GET', url: `/api/v1/conversations/${ghost}/messages` },
      { method: 'GET', url: `/api/v1/conversations/${groupId}/messages/${ghost}` },
      { method: 'POST', url: `/api/v1/conversations/${groupId}/read`, body: { messageId: ghost } },
      { method: 'POST', url: `/api/v1/conversations/${groupId}/participants`, body: { userId: ghost } },
      {
        method: 'POST',
        url: `/api/v1/conversations/${groupId}/messages/${messageId}/forward`,
        body: { conversationIds: [ghost] },
      },
      { method: 'DELETE', url: `/api/v1/conversations/${groupId}/invites/${ghost}` },
      { method: 'POST', url: `/api/v1/invites/${ghost}/join` },
    ]);
  });

  it('without a token, or with a forged one, every private route is 401', async () => {
    for (const token of [undefined, 'not.a.jwt', `${alice.token}x`]) {
      for (const url of ['/api/v1/users/me', '/api/v1/conversations', `/api/v1/conversations/${groupId}`]) {
        const response = await api(t.app, 'GET', url, token ? { token } : {});
        expectClientError({ method: 'GET', url }, response);
        expect(response.status).toBe(401);
      }
    }
  });
});
