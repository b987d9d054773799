import type { RateLimit } from '@cloudflare/workers-types/index.js';
import type { RateLimiter } from '../src/http/rate-limiter.js';

/** The period of the [[ratelimits]] bindings in wrangler.toml; the binding does not say when its window ends. */
const PERIOD_SECONDS = 60;

/** Cloudflare's rate limiting binding, counted per key across the Worker's locations. */
export function cloudflareRateLimiter(binding: RateLimit): RateLimiter {
  return {
    async limit(key) {
      const { success } = await binding.limit({ key });
      return { allowed: success, retryAfterSeconds: PERIOD_SECONDS };
    },
  };
}
