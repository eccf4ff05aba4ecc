// Who may do what in a conversation, as pure decisions over rows already loaded: every service asks
// here, so a rule is written once and unit-tested without a database. Services turn a denial into 403.
import { Forbidden } from '../lib/errors.js';

export type Role = 'owner' | 'admin' | 'member';

export interface ConversationFacts {
  type: 'direct' | 'group';
}

export interface MemberFacts {
  userId: string;
  role: Role;
}

/** Allowed, or the sentence a 403 carries. */
export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** Throws 403 with the decision's reason when it is a denial. */
export function enforce(decision: Decision): void {
  if (!decision.allowed) throw new Forbidden(decision.reason);
}

/** Direct chats always have their two people and nothing to manage. */
export function isManageable(conversation: ConversationFacts, action: string): Decision {
  return conversation.type === 'group'
    ? allow
    : deny(`A direct conversation has no members to manage: you cannot ${action} here`);
}

/** Owners and admins manage a group (details, photo, members, links); plain members do not. */
export function canManageGroup(
  conversation: ConversationFacts,
  actor: MemberFacts,
  action: string,
): Decision {
  const manageable = isManageable(conversation, action);
  if (!manageable.allowed) return manageable;
  return actor.role === 'member' ? deny(`Only group admins can ${action}`) : allow;
}

/**
 * Removing someone else needs an admin; only the owner removes admins; nobody removes the owner.
 * Removing yourself (leaving) is always allowed: see `removeMember` for what happens to ownership.
 */
export function canRemove(
  conversation: ConversationFacts,
  actor: MemberFacts,
  target: MemberFacts,
): Decision {
  const manageable = isManageable(conversation, 'remove members');
  if (!manageable.allowed) return manageable;
  if (actor.userId === target.userId) return allow;
  const managing = canManageGroup(conversation, actor, 'remove members');
  if (!managing.allowed) return managing;
  if (target.role === 'owner') return deny('The group owner cannot be removed');
  if (target.role === 'admin' && actor.role !== 'owner')
    return deny('Only the group owner can remove an admin');
  return allow;
}

/**
 * Admins promote members to admin; only the owner demotes another admin (an admin may step down);
 * nobody changes the owner's role (ownership passes only when the owner leaves).
 */
export function canChangeRole(
  conversation: ConversationFacts,
  actor: MemberFacts,
  target: MemberFacts,
  role: 'admin' | 'member',
): Decision {
  const managing = canManageGroup(conversation, actor, 'change roles');
  if (!managing.allowed) return managing;
  if (target.role === 'owner') return deny("The owner's role cannot be changed");
  const demotingAnotherAdmin = target.role === 'admin' && role === 'member' && target.userId !== actor.userId;
  if (demotingAnotherAdmin && actor.role !== 'owner') return deny('Only the group owner can demote an admin');
  return allow;
}

export interface DeleteForEveryoneFacts {
  conversation: ConversationFacts;
  actor: MemberFacts;
  message: { senderId: string; createdAt: Date };
  /** MESSAGE_DELETE_WINDOW */
  windowMs: number;
  now: Date;
}

/** Its sender within the delete window, or a group admin at any time. */
export function canDeleteForEveryone(facts: DeleteForEveryoneFacts): Decision {
  if (facts.conversation.type === 'group' && facts.actor.role !== 'member') return allow;
  if (facts.message.senderId !== facts.actor.userId) {
    return deny('Only its sender or a group admin can delete this message for everyone');
  }
  if (facts.now.getTime() - facts.message.createdAt.getTime() > facts.windowMs) {
    return deny(
      `Messages can be deleted for everyone only within ${describeWindow(facts.windowMs)} of sending`,
    );
  }
  return allow;
}

export interface EditFacts {
  actorId: string;
  message: { senderId: string; createdAt: Date; deletedAt: Date | null; forwardedCount: number };
  /** MESSAGE_EDIT_WINDOW */
  windowMs: number;
  now: Date;
}

/** Why an edit is refused: the code the answer carries (a 409 for the message's state, else a 403). */
export type EditDenial = 'NOT_SENDER' | 'EDIT_WINDOW_PASSED' | 'DELETED' | 'FORWARDED';

export type EditDecision = { allowed: true } | { allowed: false; code: EditDenial; reason: string };

/**
 * Only its sender edits a message, within the edit window, and only an original that still exists:
 * a tombstone has no text, and a forwarded copy must keep saying what the original said.
 */
export function canEdit(facts: EditFacts): EditDecision {
  const { message } = facts;
  if (message.senderId !== facts.actorId) {
    return { allowed: false, code: 'NOT_SENDER', reason: 'Only its sender can edit a message' };
  }
  if (message.deletedAt !== null) {
    return { allowed: false, code: 'DELETED', reason: 'A deleted message cannot be edited' };
  }
  if (message.forwardedCount > 0) {
    return { allowed: false, code: 'FORWARDED', reason: 'A forwarded message cannot be edited' };
  }
  if (facts.now.getTime() - message.createdAt.getTime() > facts.windowMs) {
    return {
      allowed: false,
      code: 'EDIT_WINDOW_PASSED',
      reason: `Messages can be edited only within ${describeWindow(facts.windowMs)} of sending`,
    };
  }
  return { allowed: true };
}

function describeWindow(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 1 && Number.isInteger(hours)) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const minutes = ms / 60_000;
  if (minutes >= 1 && Number.isInteger(minutes)) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `${Math.ceil(ms / 1000)} seconds`;
}

/**
 * Joining through an invite link. Whoever's membership ended (removed, or left) comes back only through a
 * link made after it ended, or when an admin adds them: a link shared before a removal must not undo it.
 */
export function canJoinByLink(
  conversation: ConversationFacts,
  previous: { leftAt: Date | null } | null,
  link: { createdAt: Date },
): Decision {
  const manageable = isManageable(conversation, 'join by invite');
  if (!manageable.allowed) return manageable;
  if (previous?.leftAt && link.createdAt.getTime() <= previous.leftAt.getTime()) {
    return deny('You are no longer in this group; ask one of its admins for a new link or to add you back');
  }
  return allow;
}
