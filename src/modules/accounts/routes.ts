// DELETE /api/v1/users/me: closing one's own account (registered under the users prefix).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { requireAuth } from '../../http/auth.js';
import { bearerAuth, Envelope, ok, responses } from '../../http/envelope.js';
import { DeleteAccountBody } from '../users/schemas.js';
import { deactivateAccount } from './deactivation.js';

export const accountRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addHook('onRequest', requireAuth(ctx));
  app.delete(
    '/me',
    {
      schema: {
        tags: ['users'],
        operationId: 'deactivateMe',
        summary: 'Deactivate my account: every token stops working and login is refused',
        description:
          'A wrong password is 401 INVALID_CREDENTIALS. The account leaves its groups (an owner hands each on, ' +
          'as when leaving) and its open sockets close. The email address stays reserved.',
        security: bearerAuth,
        body: DeleteAccountBody,
        response: responses({ 200: Envelope(Type.Null()) }, [401]),
      },
    },
    async (request, reply) => {
      await deactivateAccount(ctx, request.auth, request.body.password);
      return ok(reply, 'Account deactivated successfully', null);
    },
  );
};
