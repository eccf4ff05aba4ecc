// Per-account rate-limit rules (the per-IP ones are route hooks): they slow guessing and mail bombing.
import type { AppContext } from '../../context.js';
import type { RateRule } from '../../lib/rate-limiter.js';

const MINUTE = 60_000;

/** LOGIN_FAILURE_LIMIT failed logins for one email within 15 minutes, then 429 until the window ends. */
export function loginFailureRule(ctx: AppContext): RateRule {
  return { name: 'login-failures', limit: ctx.config.loginFailureLimit, windowMs: 15 * MINUTE };
}

/** Recovery mails to one email address: counted for unknown addresses too, so a 429 reveals nothing. */
export const recoveryMailRule: RateRule = { name: 'recovery-mail', limit: 5, windowMs: 60 * MINUTE };

/** Verification mails one account may ask for. */
export const verificationMailRule: RateRule = { name: 'verification-mail', limit: 5, windowMs: 60 * MINUTE };
