// Per-account rate-limit rules of the users feature.
import type { AppContext } from '../../context.js';
import type { RateRule } from '../../lib/rate-limiter.js';

const MINUTE = 60_000;

/** Wrong passwords typed by a signed-in user (change password, delete account): a stolen token cannot brute-force. */
export function passwordConfirmRule(ctx: AppContext): RateRule {
  return { name: 'password-confirm-failures', limit: ctx.config.loginFailureLimit, windowMs: 15 * MINUTE };
}
