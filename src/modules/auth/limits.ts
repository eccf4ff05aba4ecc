// Per-account rate-limit rules (the per-IP ones are route hooks): they slow guessing and mail bombing.
import type { AppContext } from '../../context.js';
import type { RateRule } from '../../lib/rate-limiter.js';

const MINUTE = 60_000;

/**
 * LOGIN_FAILURE_LIMIT failed logins for one email from one address within 15 minutes, then 429 for that
 * pair until the window ends: a stranger guessing from their machine locks out only themselves.
 */
export function loginFailureRule(ctx: AppContext): RateRule {
  return { name: 'login-failures', limit: ctx.config.loginFailureLimit, windowMs: 15 * MINUTE };
}

/** LOGIN_FAILURE_ACCOUNT_LIMIT failed logins for one email from all addresses together: the ceiling on guessing spread over many machines. */
export function accountLoginFailureRule(ctx: AppContext): RateRule {
  return {
    name: 'login-failures-account',
    limit: ctx.config.loginFailureAccountLimit,
    windowMs: 15 * MINUTE,
  };
}

/**
 * Recovery requests for one email address from one client address: counted for unknown email addresses
 * too, so a 429 reveals nothing, and a stranger's requests do not spend the owner's.
 */
export const recoveryMailRule: RateRule = { name: 'recovery-mail', limit: 5, windowMs: 60 * MINUTE };

/**
 * Recovery mails to one email address from everywhere together: the cap on mail bombing. Past it the
 * answer stays the same 200 (no mail goes out), so the requester cannot tell it was reached.
 */
export const accountRecoveryMailRule: RateRule = {
  name: 'recovery-mail-account',
  limit: 20,
  windowMs: 60 * MINUTE,
};

/** Verification mails one account may ask for. */
export const verificationMailRule: RateRule = { name: 'verification-mail', limit: 5, windowMs: 60 * MINUTE };
