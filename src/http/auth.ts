// The bearer-token hook for authenticated routes; it sets request.auth for the handler.
import type { FastifyRequest } from 'fastify';
import type { AppContext, AuthIdentity } from '../context.js';
import { Unauthenticated } from '../lib/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthIdentity;
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

export function requireAuth(ctx: AppContext) {
  return async function authenticate(request: FastifyRequest) {
    const token = bearerToken(request);
    if (!token) throw new Unauthenticated('Send an access token as "Authorization: Bearer <token>"');
    request.auth = await ctx.authenticate(token);
  };
}

/** The caller's user id on an authenticated route. */
export function callerId(request: FastifyRequest): string {
  return request.auth.userId;
}
