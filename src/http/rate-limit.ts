// The per-IP rate limit of auth routes, as an onRequest hook over the app's limiter.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { RateLimited } from '../lib/errors.js';
import type { RateDecision, RateRule } from '../lib/rate-limiter.js';

const MINUTE = 60_000;

/** X-RateLimit-Limit/-Remaining/-Reset (seconds until the window resets) on every answer of a limited route. */
function sendRateHeaders(reply: FastifyReply, decision: RateDecision): void {
  reply.header('x-ratelimit-limit', String(decision.limit));
  reply.header('x-ratelimit-remaining', String(decision.remaining));
  reply.header('x-ratelimit-reset', String(decision.resetInSeconds));
}

/**
 * onRequest hook: RATE_LIMIT_PER_IP requests a minute from one IP to the named route. Every answer
 * carries the rate-limit headers; a 429 adds Retry-After.
 */
export function limitPerIp(ctx: AppContext, name: string) {
  const rule: RateRule = { name: `ip:${name}`, limit: ctx.config.rateLimitPerIp, windowMs: MINUTE };
  return async function rateLimitByIp(request: FastifyRequest, reply: FastifyReply) {
    const decision = await ctx.rateLimiter.consume(rule, request.ip);
    sendRateHeaders(reply, decision);
    if (!decision.allowed) {
      throw new RateLimited(decision.resetInSeconds, 'Too many requests from this address, try again later');
    }
  };
}

/** Hook for authenticated routes (after the auth hook): `rule` counted per signed-in user, same headers. */
export function limitPerUser(ctx: AppContext, rule: RateRule) {
  return async function rateLimitByUser(request: FastifyRequest, reply: FastifyReply) {
    const decision = await ctx.rateLimiter.consume(rule, request.auth.userId);
    sendRateHeaders(reply, decision);
    if (!decision.allowed) {
      throw new RateLimited(decision.resetInSeconds, 'Too many requests, slow down and try again shortly');
    }
  };
}
