// Rate limits: fixed-window rules counted in a store (in memory, or Redis shared by every process).
// Services use the limiter for per-account rules; http/rate-limit.ts hooks it per IP onto routes.
import { RateLimited } from './errors.js';

export interface WindowCount {
  /** Hits in the current window, this one included. */
  count: number;
  /** When the current window ends (epoch ms). */
  resetAt: number;
}

export interface RateLimitStore {
  /** Counts one hit on `key` and returns the window's total so far. */
  hit(key: string, windowMs: number): Promise<WindowCount>;
  /** Takes back one hit of the current window (an attempt counted up front turned out not to be a failure). */
  release(key: string): Promise<void>;
  /** Forgets the key's hits (a successful login clears its failures). */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

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

  /**
   * Throws 429 once `subject` has used up its window. Rules that count failures of a slow check (a
   * password) call it before the check: counting and testing in one atomic step means parallel attempts
   * cannot all slip past the limit while the first are still being verified; a success then reset()s.
   */
  async enforce(rule: RateRule, subject: string): Promise<RateDecision> {
    const decision = await this.consume(rule, subject);
    if (!decision.allowed) throw new RateLimited(decision.resetInSeconds);
    return decision;
  }

  /** Takes back one attempt counted by enforce() that turned out not to be a failure. */
  async release(rule: RateRule, subject: string): Promise<void> {
    try {
      await this.store.release(`${rule.name}:${subject}`);
    } catch (error) {
      this.onStoreError(error);
    }
  }

  async reset(rule: RateRule, subject: string): Promise<void> {
    try {
      await this.store.reset(`${rule.name}:${subject}`);
    } catch (error) {
      this.onStoreError(error);
    }
  }
}
