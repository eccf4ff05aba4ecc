// People met in chats (the other person of a direct chat, group members, blocked people): their names
// and photos for group senders, reply quotes and lists.
import { signal } from '@preact/signals';
import type { PublicUser } from '../types';

export const people = signal<Record<string, PublicUser>>({});

export function remember(users: PublicUser[]) {
  if (users.length === 0) return;
  const next = { ...people.value };
  for (const user of users) next[user.id] = user;
  people.value = next;
}

export function fullName(user: Pick<PublicUser, 'firstName' | 'lastName'>): string {
  return `${user.firstName} ${user.lastName}`;
}

export function forgetPeople() {
  people.value = {};
}
