// Conversation factories through the public API: groups and direct chats between logged-in test users.
import type { FastifyInstance } from 'fastify';
import { createUsers, type TestUser } from './factories.js';
import { api, type ResponseData } from './http.js';

/** A conversation as POST /conversations answers it: its details with the participants. */
export type ConversationDetails = ResponseData<'POST', '/api/v1/conversations'>;

export interface TestConversation {
  id: string;
  type: 'direct' | 'group';
  /** The full details as POST /conversations answered them. */
  details: ConversationDetails;
}

/** A group owned by `owner` with `members` as plain members (history starts for all of them now). */
export async function createGroup(
  app: FastifyInstance,
  owner: TestUser,
  members: TestUser[] = [],
  title = 'Test group',
): Promise<TestConversation> {
  const response = await api(app, 'POST', '/api/v1/conversations', {
    token: owner.token,
    body: { type: 'group', title, participantIds: members.map((member) => member.id) },
  });
  if (response.status !== 201) throw new Error(`createGroup failed: ${JSON.stringify(response.body)}`);
  return { id: response.body.data.id, type: 'group', details: response.body.data };
}

/** The direct chat between `a` and `b` (created, or the existing one). */
export async function createDirect(
  app: FastifyInstance,
  a: TestUser,
  b: TestUser,
): Promise<TestConversation> {
  const response = await api(app, 'POST', '/api/v1/conversations', {
    token: a.token,
    body: { type: 'direct', participantIds: [b.id] },
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`createDirect failed: ${JSON.stringify(response.body)}`);
  }
  return { id: response.body.data.id, type: 'direct', details: response.body.data };
}

/** `admin` (an owner or admin of the group) adds `user` as a member. */
export async function addToGroup(
  app: FastifyInstance,
  conversationId: string,
  admin: TestUser,
  user: TestUser,
): Promise<void> {
  const response = await api(app, 'POST', `/api/v1/conversations/${conversationId}/participants`, {
    token: admin.token,
    body: { userId: user.id },
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`addToGroup failed: ${JSON.stringify(response.body)}`);
  }
}

/** `admin` removes `user` from the group (or `user` leaves when admin === user). */
export async function removeFromGroup(
  app: FastifyInstance,
  conversationId: string,
  admin: TestUser,
  user: TestUser,
): Promise<void> {
  const response = await api(
    app,
    'DELETE',
    `/api/v1/conversations/${conversationId}/participants/${user.id}`,
    {
      token: admin.token,
    },
  );
  if (response.status !== 200) throw new Error(`removeFromGroup failed: ${JSON.stringify(response.body)}`);
}

/** One page of `user`'s conversation list, as GET /conversations answers it. */
export type ConversationList = ResponseData<'GET', '/api/v1/conversations'>;
export type InboxEntry = ConversationList['items'][number];

/** One page of `user`'s conversation list (throws unless 200); `query` as in `?limit=3&archived=true`. */
export async function inbox(
  app: FastifyInstance,
  user: TestUser,
  query: '' | `?${string}` = '',
): Promise<ConversationList> {
  const response = await api(app, 'GET', `/api/v1/conversations${query}`, { token: user.token });
  if (response.status !== 200) throw new Error(`inbox failed: ${JSON.stringify(response.body)}`);
  return response.body.data;
}

/** `user`'s entry for this conversation in the first 100 of their list, or undefined when it is not there. */
export async function inboxEntry(
  app: FastifyInstance,
  user: TestUser,
  conversationId: string,
): Promise<InboxEntry | undefined> {
  return (await inbox(app, user, '?limit=100')).items.find((item) => item.id === conversationId);
}

export type Role = 'owner' | 'admin' | 'member';

/** `actor` sets `target`'s role in the group, answered as it came (refusals included). */
export function setRole(
  app: FastifyInstance,
  conversationId: string,
  actor: TestUser,
  target: TestUser,
  role: Role,
) {
  return api(app, 'PATCH', `/api/v1/conversations/${conversationId}/participants/${target.id}`, {
    token: actor.token,
    body: { role },
  });
}

/** `owner` (or an admin) makes `user`, a member, an admin of the group (throws unless 200). */
export async function makeAdmin(
  app: FastifyInstance,
  conversationId: string,
  owner: TestUser,
  user: TestUser,
): Promise<void> {
  const response = await setRole(app, conversationId, owner, user, 'admin');
  if (response.status !== 200) throw new Error(`makeAdmin failed: ${JSON.stringify(response.body)}`);
}

/** A group with one of each: its owner, an admin, a plain member, and an outsider who is not in it. */
export async function createGroupWithRoles(app: FastifyInstance) {
  const [owner, admin, member, outsider] = await createUsers(app, 4);
  const group = await createGroup(app, owner, [admin, member]);
  await makeAdmin(app, group.id, owner, admin);
  return { group, owner, admin, member, outsider };
}
