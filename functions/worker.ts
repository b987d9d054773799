import type { ExecutionContext } from '@cloudflare/workers-types/index.js';
import type { Database } from '../src/db/database.js';
import { openNeonDatabase } from '../src/db/neon.js';
import { statementCounter } from '../src/graphql/request-log.js';
import { createWhosaid } from '../src/graphql/yoga.js';
import type { RateLimiter } from '../src/graphql/rate-limit.js';
import type { Env } from './env.js';
import { cloudflareRateLimiter } from './rate-limiter.js';

// One handler per setting, made once per isolate: the schema and its caches outlive requests, connections do not.
type WorkerContext = { db: Database; rateLimiter?: RateLimiter };

const handlers = new Map<boolean, ReturnType<typeof createWhosaid<WorkerContext>>>();
function handlerFor(readsRequireKey: boolean) {
  let handler = handlers.get(readsRequireKey);
  if (!handler) {
    handler = createWhosaid<WorkerContext>({
      database: (context) => context.db,
      readsRequireKey,
      log: (line) => console.log(line),
      rateLimiter: (context) => context.rateLimiter,
      clientAddress: (request) => request.headers.get('cf-connecting-ip') ?? undefined,
    });
    handlers.set(readsRequireKey, handler);
  }
  return handler;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    if (!env.DATABASE_URL) {
      return Response.json(
        {
          errors: [
            {
              message: 'whosaid is not configured: the DATABASE_URL secret is not set (wrangler secret put DATABASE_URL)',
              extensions: { code: 'MISCONFIGURED' },
            },
          ],
        },
        { status: 500 },
      );
    }
    const { db, pool } = openNeonDatabase(env.DATABASE_URL, { localProxy: env.NEON_WS_PROXY, logger: statementCounter });
    try {
      return await handlerFor(env.WHOSAID_READS_REQUIRE_KEY === 'true').fetch(request, { db, rateLimiter: env.RATE_LIMITER && cloudflareRateLimiter(env.RATE_LIMITER) });
    } finally {
      ctx.waitUntil(pool.end().catch(() => undefined));
    }
  },
};
