// Fixed-window hit counters for rate limits: in memory for one process, or in Redis shared by all of them.
import type { Redis } from 'ioredis';
import type { RateLimitStore, WindowCount } from '../lib/rate-limiter.js';

export type { RateLimitStore } from '../lib/rate-limiter.js';

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, WindowCount>();
  // Expired windows are swept once a minute so the map cannot grow without bound.
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { ...window };
  }

  async release(key: string): Promise<void> {
    const window = this.windows.get(key);
    if (window && window.count > 0) window.count -= 1;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.windows.clear();
  }

  private sweep() {
    const now = Date.now();
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/**
 * INCR + PEXPIRE in one MULTI: the first hit of a window sets its expiry, so every process sharing the
 * Redis sees the same count and the same reset time.
 */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'chat:rl:',
  ) {
    // Connection errors also fail the commands, and the RateLimiter reports those; this only stops
    // ioredis from printing "Unhandled error event" on every reconnect attempt.
    redis.on('error', () => {});
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const name = this.prefix + key;
    const results = await this.redis
      .multi()
      .set(name, '0', 'PX', windowMs, 'NX')
      .incr(name)
      .pttl(name)
      .exec();
    const count = Number(results?.[1]?.[1] ?? 1);
    const ttl = Number(results?.[2]?.[1] ?? windowMs);
    return { count, resetAt: Date.now() + (ttl > 0 ? ttl : windowMs) };
  }

  async release(key: string): Promise<void> {
    // Only a live window is decremented: DECR on a key that just expired would create one with no expiry.
    await this.redis.eval(
      "if redis.call('exists', KEYS[1]) == 1 then return redis.call('decr', KEYS[1]) end return 0",
      1,
      this.prefix + key,
    );
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
