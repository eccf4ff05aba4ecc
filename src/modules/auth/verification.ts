// Email verification: spend the mailed token to mark the account verified, or mail a new one.
import type { AppContext } from '../../context.js';
import { publishUserChanged } from '../../core/events.js';
import { Conflict, NotFound } from '../../lib/errors.js';
import type { UserRow } from '../users/present.js';
import { findActiveUser, markUserVerified } from '../users/queries.js';
import { verificationMailRule } from './limits.js';
import { consumeAccountToken } from './mailed-tokens.js';
import { mailUnavailable, sendVerificationMail } from './mails.js';

export async function verifyAccount(ctx: AppContext, token: string): Promise<UserRow> {
  const user = await ctx.db.transaction(async (tx) => {
    const { userId } = await consumeAccountToken(tx, token, 'verify_email');
    const verified = await markUserVerified(tx, userId);
    if (!verified) throw new NotFound('This link is not valid');
    return verified;
  });
  await publishUserChanged(ctx, user.id);
  return user;
}

/** 409 for a verified account: nothing to resend, and the client learns it can stop asking. */
export async function resendVerification(ctx: AppContext, userId: string): Promise<void> {
  const user = await findActiveUser(ctx.db, userId);
  if (!user) throw new NotFound('User not found');
  if (user.isVerified) throw new Conflict('This account is already verified');
  await ctx.rateLimiter.enforce(verificationMailRule, userId);
  try {
    await sendVerificationMail(ctx, user);
  } catch (error) {
    ctx.log.error({ err: error, mail: 'verification' }, 'could not send mail');
    throw mailUnavailable();
  }
}
