// Password recovery: mail a one-hour, single-use link; spending it sets the password and ends every session.
import type { AppContext } from '../../context.js';
import { publishDisconnect } from '../../core/events.js';
import { hashPassword } from '../../lib/passwords.js';
import { retireAccountTokens, revokeSessions } from '../users/account-queries.js';
import { findActiveUserByEmail, setPassword } from '../users/queries.js';
import { accountRecoveryMailRule, recoveryMailRule } from './limits.js';
import { assertAccountTokenSpendable, consumeAccountToken } from './mailed-tokens.js';
import { sendRecoveryMail } from './mails.js';
import { normalizeEmail } from './service.js';

/**
 * Answers the same, in the same time, for known and unknown addresses: the lookup and the mail happen
 * after the response is decided, in the background, so neither the answer nor its timing tells whether
 * an account exists.
 */
export async function requestPasswordRecovery(ctx: AppContext, rawEmail: string, ip: string): Promise<void> {
  const email = normalizeEmail(rawEmail);
  await ctx.rateLimiter.enforce(recoveryMailRule, `${email}|${ip}`);
  const { allowed: underCeiling } = await ctx.rateLimiter.consume(accountRecoveryMailRule, email);
  void (async () => {
    if (!underCeiling) {
      ctx.log.warn({ mail: 'recovery' }, 'recovery mails to one address reached their hourly cap; none sent');
      return;
    }
    const user = await findActiveUserByEmail(ctx.db, email);
    if (user) await sendRecoveryMail(ctx, user);
  })().catch((error: unknown) => {
    ctx.log.error({ err: error, mail: 'recovery' }, 'could not send mail');
  });
}

/**
 * Sets the new password and revokes every session: whoever held the old password (or a stolen token)
 * is out. Receiving the mail proves the address, so the account counts as verified too.
 */
export async function resetPassword(ctx: AppContext, token: string, password: string): Promise<void> {
  // A wrong link is refused before argon2 runs: made-up tokens must not buy the server's CPU time.
  await assertAccountTokenSpendable(ctx.db, token, 'reset_password');
  const passwordHash = await hashPassword(password);
  const userId = await ctx.db.transaction(async (tx) => {
    const { userId } = await consumeAccountToken(tx, token, 'reset_password');
    await setPassword(tx, userId, passwordHash, { verified: true });
    await retireAccountTokens(tx, userId, 'reset_password');
    await revokeSessions(tx, userId);
    return userId;
  });
  await publishDisconnect(ctx, { userId }, 'password_reset');
}
