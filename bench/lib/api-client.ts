// Setting up through the public API, as a client would: sign up, log in, open conversations. Setup goes
// through the SDK's typed calls; the timed requests use `call`, a bare fetch, so the figures measure the
// server and not a client library.
import { randomBytes } from 'node:crypto';
import { createApiClient, unwrap } from '../../sdk/src/index.js';
import { mapLimit } from './progress.js';

export const BENCH_PASSWORD = 'bench password 1234';

export interface BenchUser {
  id: string;
  email: string;
  token: string;
}

export interface ApiResponse {
  status: number;
  body: any;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (e.g. /metrics)
  }
  return { status: response.status, body };
}

/** Calls and insists on the expected status, so a broken route stops the scenario with a clear reason. */
export async function expectCall(
  baseUrl: string,
  method: string,
  path: string,
  expected: number[],
  options: { token?: string; body?: unknown } = {},
): Promise<any> {
  const response = await call(baseUrl, method, path, options);
  if (!expected.includes(response.status)) {
    throw new Error(
      `${method} ${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`,
    );
  }
  return response.body?.data;
}

export async function login(baseUrl: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  const session = await unwrap(
    createApiClient(baseUrl).POST('/api/v1/auth/login', { body: { email, password } }),
  );
  return session.token;
}

/** Signs up and logs in `count` users (a few at a time: password hashing is deliberately slow). */
export async function createUsers(baseUrl: string, count: number, label: string): Promise<BenchUser[]> {
  const run = randomBytes(4).toString('hex');
  const indexes = Array.from({ length: count }, (_, i) => i);
  const api = createApiClient(baseUrl);
  return mapLimit(indexes, 4, async (i) => {
    const email = `${label}-${run}-${i}@bench.example.com`;
    const created = await unwrap(
      api.POST('/api/v1/auth/signup', {
        body: { firstName: 'Bench', lastName: `${label} ${i}`, email, password: BENCH_PASSWORD },
      }),
    );
    return { id: created.id, email, token: await login(baseUrl, email) };
  });
}

export async function createDirect(baseUrl: string, owner: BenchUser, other: BenchUser): Promise<string> {
  const conversation = await unwrap(
    createApiClient(baseUrl, { token: owner.token }).POST('/api/v1/conversations', {
      body: { type: 'direct', participantIds: [other.id] },
    }),
  );
  return conversation.id;
}

export async function createGroup(
  baseUrl: string,
  owner: BenchUser,
  members: BenchUser[],
  title: string,
): Promise<string> {
  const conversation = await unwrap(
    createApiClient(baseUrl, { token: owner.token }).POST('/api/v1/conversations', {
      body: { type: 'group', title, participantIds: members.map((member) => member.id) },
    }),
  );
  return conversation.id;
}

export function messagesPath(conversationId: string): string {
  return `/api/v1/conversations/${conversationId}/messages`;
}

/** 64 senders in 32 direct conversations: users 2i and 2i+1 share conversation i. */
export async function createDirectPairs(baseUrl: string, senders: BenchUser[]): Promise<string[]> {
  const pairs = Array.from({ length: Math.floor(senders.length / 2) }, (_, i) => i);
  const conversations = await mapLimit(pairs, 4, (i) =>
    createDirect(baseUrl, senders[2 * i]!, senders[2 * i + 1]!),
  );
  // Each sender posts into the conversation it belongs to.
  return senders.map((_, i) => conversations[Math.floor(i / 2)]!);
}
