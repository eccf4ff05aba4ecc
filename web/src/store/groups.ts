// People, new chats and groups: finding people, opening a direct chat, creating a group, its members and
// roles, and its invite links.
import { unwrap } from '@chat/sdk';
import type { Invite, InvitePreview, Participant, PublicUser, Role } from '../types';
import { client } from './client';
import { refreshConversations } from './inbox';
import { remember } from './people';

export async function searchPeople(query: string): Promise<PublicUser[]> {
  const page = await unwrap(
    client.api.GET('/api/v1/users', { params: { query: { search: query, limit: 20 } } }),
  );
  return page.items.filter((user) => user.id !== client.userId);
}

export async function createDirectChat(userId: string): Promise<string> {
  const chat = await unwrap(
    client.api.POST('/api/v1/conversations', { body: { type: 'direct', participantIds: [userId] } }),
  );
  await refreshConversations();
  return chat.id;
}

export async function createGroup(title: string, participantIds: string[]): Promise<string> {
  const chat = await unwrap(
    client.api.POST('/api/v1/conversations', { body: { type: 'group', title, participantIds } }),
  );
  await refreshConversations();
  return chat.id;
}

export async function listParticipants(conversationId: string): Promise<Participant[]> {
  const page = await unwrap(
    client.api.GET('/api/v1/conversations/{conversationId}/participants', {
      params: { path: { conversationId }, query: { limit: 100 } },
    }),
  );
  const members = page.items;
  remember(members.map((member) => member.user));
  return members;
}

export async function changeRole(conversationId: string, userId: string, role: Exclude<Role, 'owner'>) {
  await unwrap(
    client.api.PATCH('/api/v1/conversations/{conversationId}/participants/{userId}', {
      params: { path: { conversationId, userId } },
      body: { role },
    }),
  );
}

export async function removeParticipant(conversationId: string, userId: string) {
  await unwrap(
    client.api.DELETE('/api/v1/conversations/{conversationId}/participants/{userId}', {
      params: { path: { conversationId, userId } },
    }),
  );
  await refreshConversations();
}

export async function listInvites(conversationId: string): Promise<Invite[]> {
  const page = await unwrap(
    client.api.GET('/api/v1/conversations/{conversationId}/invites', {
      params: { path: { conversationId } },
    }),
  );
  return page.items;
}

export async function createInvite(conversationId: string): Promise<Invite> {
  return unwrap(
    client.api.POST('/api/v1/conversations/{conversationId}/invites', {
      params: { path: { conversationId } },
      body: {},
    }),
  );
}

export async function revokeInvite(conversationId: string, code: string) {
  await unwrap(
    client.api.DELETE('/api/v1/conversations/{conversationId}/invites/{code}', {
      params: { path: { conversationId, code } },
    }),
  );
}

export async function invitePreview(code: string): Promise<InvitePreview> {
  return unwrap(client.api.GET('/api/v1/invites/{code}', { params: { path: { code } } }));
}

export async function joinByInvite(code: string): Promise<string> {
  const chat = await unwrap(client.api.POST('/api/v1/invites/{code}/join', { params: { path: { code } } }));
  await refreshConversations();
  return chat.id;
}
