// The account mails (verification, password recovery): each carries a fresh single-use token in its link.
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { issueAccountToken } from './mailed-tokens.js';

export interface MailRecipient {
  id: string;
  email: string;
  firstName: string;
}

function linkTo(ctx: AppContext, page: string, token: string): string {
  return `${ctx.config.publicUrl}/${page}?token=${encodeURIComponent(token)}`;
}

export async function sendVerificationMail(ctx: AppContext, user: MailRecipient): Promise<void> {
  const token = await issueAccountToken(ctx.db, user.id, 'verify_email');
  const link = linkTo(ctx, 'verify-account', token);
  await ctx.mailer.send({
    to: user.email,
    subject: 'Confirm your email address',
    link,
    text: [
      `Hello ${user.firstName},`,
      '',
      'Please confirm your email address by opening this link (it works once, for 24 hours):',
      '',
      link,
      '',
      'If you did not create an account, ignore this mail.',
    ].join('\n'),
  });
}

export async function sendRecoveryMail(ctx: AppContext, user: MailRecipient): Promise<void> {
  const token = await issueAccountToken(ctx.db, user.id, 'reset_password');
  const link = linkTo(ctx, 'recovery-password', token);
  await ctx.mailer.send({
    to: user.email,
    subject: 'Reset your password',
    link,
    text: [
      `Hello ${user.firstName},`,
      '',
      'Someone asked to reset the password of your account. To choose a new one, open this link',
      '(it works once, for 1 hour; all your devices will be logged out):',
      '',
      link,
      '',
      'If it was not you, ignore this mail: your password stays as it is.',
    ].join('\n'),
  });
}

/** For mails a request only triggers (signup): a mail server that is down is logged, not fatal. */
export async function sendWithoutFailing(ctx: AppContext, what: string, send: () => Promise<void>) {
  try {
    await send();
  } catch (error) {
    ctx.log.error({ err: error, mail: what }, 'could not send mail');
  }
}

/** For mails that are the point of the request (resend): the client hears that it did not go out. */
export function mailUnavailable(): AppError {
  return new AppError(503, 'UNAVAILABLE', 'The mail could not be sent right now; try again later');
}
