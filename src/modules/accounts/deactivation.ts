// Closing an account: it leaves its groups as a member leaves them, then the user row is deactivated.
// Its own module because it spans users and conversations, which must not import each other both ways.
import type { AppContext } from '../../context.js';
import { publishDisconnect } from '../../core/events.js';
import { NotFound } from '../../lib/errors.js';
import { removeMember } from '../conversations/members.js';
import { activeGroupIdsOf } from '../conversations/queries.js';
import { retireAccountTokens, revokeSessions } from '../users/account-queries.js';
import { deactivateUser } from '../users/queries.js';
import { type Caller, confirmPassword } from '../users/service.js';

/**
 * Deactivates the account: the row stays (messages keep their sender) but every token stops working,
 * its sockets close, login is refused, and the profile disappears from search and lookups. It leaves
 * its groups first (ownership handed on). The email stays taken.
 */
export async function deactivateAccount(ctx: AppContext, caller: Caller, password: string): Promise<void> {
  await confirmPassword(ctx, caller.userId, password);
  await leaveEveryGroup(ctx, caller.userId);
  await ctx.db.transaction(async (tx) => {
    if (!(await deactivateUser(tx, caller.userId))) throw new NotFound('User not found');
    await revokeSessions(tx, caller.userId);
    await retireAccountTokens(tx, caller.userId);
  });
  await publishDisconnect(ctx, { userId: caller.userId }, 'account_deactivated');
}

/**
 * Leaves each group the way a member leaves it (an owner hands it on, the last member ends it), before
 * the account goes: no group is left held by, or waiting on, an account that can never act again.
 */
async function leaveEveryGroup(ctx: AppContext, userId: string): Promise<void> {
  for (const conversationId of await activeGroupIdsOf(ctx.db, userId)) {
    try {
      await removeMember(ctx, userId, conversationId, userId);
    } catch (error) {
      // Removed or deleted meanwhile: already out of it.
      if (!(error instanceof NotFound)) throw error;
    }
  }
}
