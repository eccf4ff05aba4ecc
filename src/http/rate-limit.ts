// Rate limits: the limiter services use for per-account rules, and the per-IP hook for auth routes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { RateLimited } from '../lib/errors.js';
import type { RateLimitStore } from './rate-limit-store.js';

export interface RateRule {
  /** Part of the counter's key: rules never share counts. */
  name: string;
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the window resets (at least 1). */
  resetInSeconds: number;
}

function decide(rule: RateRule, count: number, resetAt: number, allowed: boolean): RateDecision {
  return {
    allowed,
    limit: rule.limit,
    remaining: Math.max(0, rule.limit - count),
    resetInSeconds: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)),
  };
}

/**
 * Fails open: if the store (Redis) is unreachable the request goes through and the error is reported,
 * so a Redis outage does not lock everybody out of logging in.
 */
export class RateLimiter {
  constructor(
    readonly store: RateLimitStore,
    private readonly onStoreError: (error: unknown) => void = () => {},
  ) {}

  private async count(operation: () => Promise<{ count: number; resetAt: number }>, windowMs: number) {
    try {
      return await operation();
    } catch (error) {
      this.onStoreError(error);
      return { count: 0, resetAt: Date.now() + windowMs };
    }
  }

  /** Counts one attempt; the attempt is allowed while the window holds at most `limit` of them. */
  async consume(rule: RateRule, subject: string): Promise<RateDecision> {
    const key = `${rule.name}:${subject}`;
    const { count, resetAt } = await this.count(() => this.store.hit(key, rule.windowMs), rule.windowMs);
    return decide(rule, count, resetAt, count <= rule.limit);
  }

  /** Throws 429 once `subject` has used up its window. */
  async enforce(rule: RateRule, subject: string): Promise<RateDecision> {
    const decision = await this.consume(rule, subject);
    if (!decision.allowed) throw new RateLimited(decision.resetInSeconds);
    return decision;
  }

  /** Counts nothing: for rules that count only failures (a login answers 429 once `limit` have failed). */
  async ensureBelow(rule: RateRule, subject: string): Promise<void> {
    const key = `${rule.name}:${subject}`;
    const { count, resetAt } = await this.count(() => this.store.peek(key), rule.windowMs);
    const decision = decide(rule, count, resetAt, count < rule.limit);
    if (!decision.allowed) throw new RateLimited(decision.resetInSeconds);
  }

  async reset(rule: RateRule, subject: string): Promise<void> {
    try {
      await this.store.reset(`${rule.name}:${subject}`);
    } catch (error) {
      this.onStoreError(error);
    }
  }
}

const MINUTE = 60_000;

/**
 * onRequest hook: RATE_LIMIT_PER_IP requests a minute from one IP to the named route. Every answer
 * carries X-RateLimit-Limit/-Remaining/-Reset (seconds until the window resets); a 429 adds Retry-After.
 */
export function limitPerIp(ctx: AppContext, name: string) {
  const rule: RateRule = { name: `ip:${name}`, limit: ctx.config.rateLimitPerIp, windowMs: MINUTE };
  return async function rateLimitByIp(request: FastifyRequest, reply: FastifyReply) {
    const decision = await ctx.rateLimiter.consume(rule, request.ip);
    reply.header('x-ratelimit-limit', String(decision.limit));
    reply.header('x-ratelimit-remaining', String(decision.remaining));
    reply.header('x-ratelimit-reset', String(decision.resetInSeconds));
    if (!decision.allowed) {
      throw new RateLimited(decision.resetInSeconds, 'Too many requests from this address, try again later');
    }
  };
}
