// Who may do what in a group: the decisions every service asks, without a database.
import { describe, expect, it } from 'vitest';
import {
  canChangeRole,
  canDeleteForEveryone,
  canJoinByLink,
  canManageGroup,
  canRemove,
  type Role,
} from '../../src/core/policies.js';

const group = { type: 'group' as const };
const direct = { type: 'direct' as const };
const as = (userId: string, role: Role) => ({ userId, role });
const owner = as('o', 'owner');
const admin = as('a', 'admin');
const other = as('a2', 'admin');
const member = as('m', 'member');
const member2 = as('m2', 'member');

describe('managing a group', () => {
  it('belongs to owners and admins, and never to anyone in a direct chat', () => {
    expect(canManageGroup(group, owner, 'rename').allowed).toBe(true);
    expect(canManageGroup(group, admin, 'rename').allowed).toBe(true);
    expect(canManageGroup(group, member, 'rename')).toEqual({
      allowed: false,
      reason: 'Only group admins can rename',
    });
    expect(canManageGroup(direct, owner, 'rename').allowed).toBe(false);
  });
});

describe('removing', () => {
  it('lets admins remove members, only the owner remove admins, nobody the owner; anyone may leave', () => {
    expect(canRemove(group, admin, member).allowed).toBe(true);
    expect(canRemove(group, member, member2).allowed).toBe(false);
    expect(canRemove(group, admin, other).allowed).toBe(false);
    expect(canRemove(group, owner, admin).allowed).toBe(true);
    expect(canRemove(group, admin, owner).allowed).toBe(false);
    expect(canRemove(group, member, member).allowed).toBe(true);
    expect(canRemove(group, owner, owner).allowed).toBe(true);
    expect(canRemove(direct, owner, member).allowed).toBe(false);
  });
});

describe('changing roles', () => {
  it("lets admins promote, only the owner demote another admin, an admin step down, nobody touch the owner's", () => {
    expect(canChangeRole(group, admin, member, 'admin').allowed).toBe(true);
    expect(canChangeRole(group, member, member2, 'admin').allowed).toBe(false);
    expect(canChangeRole(group, admin, other, 'member').allowed).toBe(false);
    expect(canChangeRole(group, owner, admin, 'member').allowed).toBe(true);
    expect(canChangeRole(group, admin, admin, 'member').allowed).toBe(true);
    expect(canChangeRole(group, admin, owner, 'member').allowed).toBe(false);
  });
});

describe('deleting a message for everyone', () => {
  const sentAt = new Date('2024-01-01T00:00:00Z');
  const hour = 3_600_000;
  const facts = (
    actor: { userId: string; role: Role },
    conversation: { type: 'direct' | 'group' } = group,
    hoursLater = 1,
  ) => ({
    conversation,
    actor,
    message: { senderId: 'm', createdAt: sentAt },
    windowMs: 48 * hour,
    now: new Date(sentAt.getTime() + hoursLater * hour),
  });

  it('is for its sender within the window, and for group admins at any time', () => {
    expect(canDeleteForEveryone(facts(member)).allowed).toBe(true);
    expect(canDeleteForEveryone(facts(member, group, 49))).toEqual({
      allowed: false,
      reason: 'Messages can be deleted for everyone only within 48 hours of sending',
    });
    expect(canDeleteForEveryone(facts(member2)).allowed).toBe(false);
    expect(canDeleteForEveryone(facts(admin, group, 1000)).allowed).toBe(true);
    // A direct chat has no admins: the other person cannot delete my message.
    expect(canDeleteForEveryone(facts(as('x', 'owner'), direct)).allowed).toBe(false);
  });
});

describe('joining by link', () => {
  const link = { createdAt: new Date('2024-01-02T00:00:00Z') };

  it('lets newcomers in, and former members only with a link made after they went', () => {
    expect(canJoinByLink(group, null, link).allowed).toBe(true);
    expect(canJoinByLink(group, { leftAt: new Date('2024-01-03T00:00:00Z') }, link).allowed).toBe(false);
    expect(canJoinByLink(group, { leftAt: new Date('2024-01-01T00:00:00Z') }, link).allowed).toBe(true);
    expect(canJoinByLink(direct, null, link).allowed).toBe(false);
  });
});
