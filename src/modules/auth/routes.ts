// HTTP routes of /api/v1/auth: validate, call the service, present.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireAuth } from '../../http/auth.js';
import { bearerAuth, Envelope, ok, responses } from '../../http/envelope.js';
import { limitPerIp } from '../../http/rate-limit.js';
import { presentSelf, SelfUserSchema } from '../users/present.js';
import { requestPasswordRecovery, resetPassword } from './recovery.js';
import {
  LoginBody,
  NoData,
  RecoveryBody,
  RefreshBody,
  ResetPasswordBody,
  ResetPasswordParams,
  SignupBody,
  TokenPair,
  VerifyAccountBody,
} from './schemas.js';
import { type ClientInfo, login, signup } from './service.js';
import { logout, refreshSession } from './sessions.js';
import { resendVerification, verifyAccount } from './verification.js';

export function clientInfo(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/signup',
    {
      onRequest: limitPerIp(ctx, 'signup'),
      schema: {
        tags: ['auth'],
        operationId: 'signup',
        security: [],
        summary: 'Create an account and send its verification mail',
        description:
          'The verification mail is sent before the answer; if the mail server is down the account is still ' +
          'created (the failure is logged) and the user can ask for a new mail with /verify-account/resend.',
        body: SignupBody,
        response: responses({ 201: Envelope(SelfUserSchema) }, [409]),
      },
    },
    async (request, reply) => {
      const user = await signup(ctx, request.body);
      return ok(reply, 'User created successfully', presentSelf(user), 201);
    },
  );

  app.post(
    '/login',
    {
      onRequest: limitPerIp(ctx, 'login'),
      schema: {
        tags: ['auth'],
        operationId: 'login',
        security: [],
        summary: 'Exchange email and password for a token pair',
        description:
          'An unknown email and a wrong password get the same 401 INVALID_CREDENTIALS. After ' +
          'LOGIN_FAILURE_LIMIT failures for one email from one client address within 15 minutes the route ' +
          'answers 429 for that email from that address, and after LOGIN_FAILURE_ACCOUNT_LIMIT failures for ' +
          'one email from all addresses together, 429 for that email from anywhere.',
        body: LoginBody,
        response: responses({ 200: Envelope(TokenPair) }, [401]),
      },
    },
    async (request, reply) => {
      const result = await login(ctx, request.body, clientInfo(request));
      return ok(reply, 'Logged in successfully', { ...result, user: presentSelf(result.user) });
    },
  );

  app.post(
    '/refresh',
    {
      onRequest: limitPerIp(ctx, 'refresh'),
      schema: {
        tags: ['auth'],
        operationId: 'refreshSession',
        security: [],
        summary: 'Exchange a refresh token for a new token pair (the old refresh token is spent)',
        description:
          'Each refresh token works once. Presenting a spent one again revokes its whole session (401). ' +
          'An expired refresh token is 401 TOKEN_EXPIRED: log in again.',
        body: RefreshBody,
        response: responses({ 200: Envelope(TokenPair) }, [401]),
      },
    },
    async (request, reply) => {
      const result = await refreshSession(ctx, request.body.refreshToken);
      return ok(reply, 'Token refreshed successfully', { ...result, user: presentSelf(result.user) });
    },
  );

  app.post(
    '/logout',
    {
      onRequest: requireAuth(ctx),
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'End this session: its access and refresh tokens stop working at once',
        security: bearerAuth,
        response: responses({ 200: Envelope(NoData) }, [401]),
      },
    },
    async (request, reply) => {
      await logout(ctx, request.auth);
      return ok(reply, 'Logged out successfully', null);
    },
  );

  app.post(
    '/verify-account',
    {
      onRequest: limitPerIp(ctx, 'verify-account'),
      schema: {
        tags: ['auth'],
        operationId: 'verifyAccount',
        security: [],
        summary: 'Verify the account with the token from the verification mail',
        description: 'Tokens work once and for 24 hours: unknown is 404, used or expired is 410 GONE.',
        body: VerifyAccountBody,
        response: responses({ 200: Envelope(SelfUserSchema) }, [404, 410]),
      },
    },
    async (request, reply) => {
      const user = await verifyAccount(ctx, request.body.token);
      return ok(reply, 'Account verified successfully', presentSelf(user));
    },
  );

  app.post(
    '/verify-account/resend',
    {
      onRequest: [limitPerIp(ctx, 'verify-resend'), requireAuth(ctx)],
      schema: {
        tags: ['auth'],
        operationId: 'resendVerification',
        summary: 'Send a new verification mail (earlier links stop working)',
        description:
          'An account that is already verified gets 409 CONFLICT. At most 5 mails per account per hour; ' +
          '503 UNAVAILABLE when the mail server cannot be reached.',
        security: bearerAuth,
        response: responses({ 200: Envelope(NoData) }, [401, 409, 503]),
      },
    },
    async (request, reply) => {
      await resendVerification(ctx, request.auth.userId);
      return ok(reply, 'Verification mail sent', null);
    },
  );

  app.post(
    '/recovery-password',
    {
      onRequest: limitPerIp(ctx, 'recovery'),
      schema: {
        tags: ['auth'],
        operationId: 'requestPasswordRecovery',
        security: [],
        summary: 'Mail a password reset link (the same answer whether or not the account exists)',
        description:
          'At most 5 recovery requests per email address per hour from one client address (then 429), and at ' +
          'most 20 recovery mails per email address per hour in all (past that the answer is the same, but no ' +
          'mail goes out). The link works once, for 1 hour.',
        body: RecoveryBody,
        response: responses({ 200: Envelope(NoData) }),
      },
    },
    async (request, reply) => {
      await requestPasswordRecovery(ctx, request.body.email, request.ip);
      return ok(reply, 'If an account exists for this email, a recovery link has been sent to it', null);
    },
  );

  app.patch(
    '/recovery-password/:token',
    {
      onRequest: limitPerIp(ctx, 'recovery-reset'),
      schema: {
        tags: ['auth'],
        operationId: 'resetPassword',
        security: [],
        summary: 'Set a new password with the token from the recovery mail; every session is logged out',
        description: 'Tokens work once and for 1 hour: unknown is 404, used or expired is 410 GONE.',
        params: ResetPasswordParams,
        body: ResetPasswordBody,
        response: responses({ 200: Envelope(NoData) }, [404, 410]),
      },
    },
    async (request, reply) => {
      await resetPassword(ctx, request.params.token, request.body.password);
      return ok(reply, 'Password changed successfully; log in with the new password', null);
    },
  );
};
