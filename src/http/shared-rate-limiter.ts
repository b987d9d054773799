import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { inProcessRateLimiter, type RateLimiter } from './rate-limiter.js';
import type { RedisLink } from './redis-link.js';

/**
 * The in-process limiter's fixed window, counted in Redis so that every instance of a deployment enforces one limit
 * per key: rate-limiter-flexible's Lua script starts the window and counts in one step. While Redis is down, this
 * process counts on its own, as a single server does.
 */
export function sharedRateLimiter(link: RedisLink, options: { limit: number; periodSeconds: number }): RateLimiter {
  const shared = new RateLimiterRedis({
    storeClient: link.redis,
    keyPrefix: `${link.prefix}rate-limit`,
    points: options.limit,
    duration: options.periodSeconds,
  });
  const local = inProcessRateLimiter(options);
  return {
    async limit(key) {
      if (!link.isUp()) return local.limit(key);
      let outcome: RateLimiterRes;
      try {
        outcome = await shared.consume(key);
      } catch (refusal) {
        // consume rejects with the count when the key is over its limit, and with an Error when Redis failed.
        if (!(refusal instanceof RateLimiterRes)) return local.limit(key);
        outcome = refusal;
      }
      return {
        allowed: outcome.consumedPoints <= options.limit,
        retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)),
      };
    },
  };
}
