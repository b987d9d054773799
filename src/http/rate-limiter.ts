export interface RateLimitOutcome {
  allowed: boolean;
  /** When it is worth trying again, for the Retry-After header. */
  retryAfterSeconds: number;
}

/** Counts requests per key: an API key, or a client address for requests without one. */
export interface RateLimiter {
  limit(key: string): Promise<RateLimitOutcome>;
}

/**
 * A fixed window per key, kept in this process: right for one Node server. Keys whose window has passed are
 * dropped as new windows open, so memory follows the number of recent clients.
 */
export function inProcessRateLimiter(options: {
  limit: number;
  periodSeconds: number;
  now?: () => number;
}): RateLimiter {
  const now = options.now ?? Date.now;
  const periodMs = options.periodSeconds * 1000;
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();
  return {
    async limit(key) {
      const at = now();
      if (at - lastSweep >= periodMs) {
        for (const [stale, window] of windows) if (at - window.start >= periodMs) windows.delete(stale);
        lastSweep = at;
      }
      let window = windows.get(key);
      if (!window || at - window.start >= periodMs) {
        window = { start: at, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      return {
        allowed: window.count <= options.limit,
        retryAfterSeconds: Math.max(1, Math.ceil((window.start + periodMs - at) / 1000)),
      };
    },
  };
}
