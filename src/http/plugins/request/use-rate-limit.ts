import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { sha256Hex } from '../../../domain/sha256.js';
import { bearerToken } from '../../bearer-token.js';
import { errorResponse } from '../../error-response.js';
import type { RateLimiter } from '../../rate-limiter.js';

/**
 * Refuses a client that sends too many requests with 429 and Retry-After, before its body is read. Clients are
 * told apart by API key, or by address where they send none.
 */
export function useRateLimit<ServerContext extends object>(
  limiterFor: (context: ServerContext & YogaInitialContext) => RateLimiter | undefined,
  clientAddress: (request: Request, context: ServerContext & YogaInitialContext) => string | undefined,
): Plugin<object, ServerContext> {
  return {
    async onRequest({ request, serverContext, endResponse }) {
      const context = serverContext as ServerContext & YogaInitialContext;
      const limiter = limiterFor(context);
      if (!limiter) return;
      const token = bearerToken(request);
      const key = token ? `key:${await sha256Hex(token)}` : `address:${clientAddress(request, context) ?? 'unknown'}`;
      const { allowed, retryAfterSeconds } = await limiter.limit(key);
      if (allowed) return;
      endResponse(
        errorResponse(
          429,
          `Too many requests: try again in ${retryAfterSeconds} s`,
          { code: 'RATE_LIMITED', retryAfterSeconds },
          { 'retry-after': String(retryAfterSeconds) },
        ),
      );
    },
  };
}
