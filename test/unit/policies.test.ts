// Who may do what in a group: the decisions every service asks, without a database.
import { describe, expect, it } from 'vitest';
import {
  canChangeRole,
  canDeleteForEveryone,
  canEdit,
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

describe('editing', () => {
  const sentAt = new Date('2026-01-01T12:00:00Z');
  const minutes = (n: number) => new Date(sentAt.getTime() + n * 60_000);
  const facts = (changes: { actorId?: string; deletedAt?: Date; forwardedCount?: number; now?: Date }) => ({
    actorId: changes.actorId ?? 's',
    message: {
      senderId: 's',
      createdAt: sentAt,
      deletedAt: changes.deletedAt ?? null,
      forwardedCount: changes.forwardedCount ?? 0,
    },
    windowMs: 15 * 60_000,
    now: changes.now ?? minutes(1),
  });

  it('lets the sender edit within the window, to its last millisecond', () => {
    expect(canEdit(facts({})).allowed).toBe(true);
    expect(canEdit(facts({ now: minutes(15) })).allowed).toBe(true);
  });

  it('refuses anyone else, a late edit, a tombstone and a forwarded copy, each with its code', () => {
    expect(canEdit(facts({ actorId: 'x' }))).toMatchObject({ allowed: false, code: 'NOT_SENDER' });
    expect(canEdit(facts({ now: minutes(16) }))).toEqual({
      allowed: false,
      code: 'EDIT_WINDOW_PASSED',
      reason: 'Messages can be edited only within 15 minutes of sending',
    });
    expect(canEdit(facts({ deletedAt: minutes(1) }))).toMatchObject({ allowed: false, code: 'DELETED' });
    expect(canEdit(facts({ forwardedCount: 1 }))).toMatchObject({ allowed: false, code: 'FORWARDED' });
    // Someone else's message says NOT_SENDER whatever its state: it tells an outsider nothing more.
    expect(canEdit(facts({ actorId: 'x', deletedAt: minutes(1) }))).toMatchObject({ code: 'NOT_SENDER' });
  });
});
