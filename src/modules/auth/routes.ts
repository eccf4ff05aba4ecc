// HTTP routes of /api/v1/auth: validate, call the service, present.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { Envelope, ok, responses } from '../../http/envelope.js';
import { presentSelf, SelfUserSchema } from '../users/present.js';
import { LoginBody, SignupBody, TokenPair } from './schemas.js';
import { type ClientInfo, login, signup } from './service.js';

export function clientInfo(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/signup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account and send its verification mail',
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
      schema: {
        tags: ['auth'],
        summary: 'Exchange email and password for a token pair',
        body: LoginBody,
        response: responses({ 200: Envelope(TokenPair) }, [401]),
      },
    },
    async (request, reply) => {
      const result = await login(ctx, request.body, clientInfo(request));
      return ok(reply, 'Logged in successfully', { ...result, user: presentSelf(result.user) });
    },
  );
};
