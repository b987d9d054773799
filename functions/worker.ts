import type { ExecutionContext } from '@cloudflare/workers-types/index.js';
import type { Database } from '../src/db/database.js';
import { openNeonDatabase } from '../src/db/neon.js';
import { statementCounter } from '../src/graphql/request-log.js';
import { createWhosaid } from '../src/graphql/yoga.js';
import type { RateLimiter } from '../src/graphql/rate-limit.js';
import type { Env } from './env.js';
import { cloudflareRateLimiter } from './rate-limiter.js';

type WorkerContext = { db: Database; rateLimiter?: RateLimiter };

/** What an environment sets, from its vars: each set of settings gets its own handler. */
function settingsOf(env: Env) {
  return {
    readsRequireKey: env.WHOSAID_READS_REQUIRE_KEY === 'true',
    trustedDocumentsOnly: env.WHOSAID_TRUSTED_DOCUMENTS_ONLY === 'true',
  };
}

// Made once per isolate: the schema and its caches outlive requests, connections do not.
const handlers = new Map<string, ReturnType<typeof createWhosaid<WorkerContext>>>();
function handlerFor(env: Env) {
  const settings = settingsOf(env);
  const key = JSON.stringify(settings);
  let handler = handlers.get(key);
  if (!handler) {
    handler = createWhosaid<WorkerContext>({
      ...settings,
      database: (context) => context.db,
      log: (line) => console.log(line),
      rateLimiter: (context) => context.rateLimiter,
      clientAddress: (request) => request.headers.get('cf-connecting-ip') ?? undefined,
    });
    handlers.set(key, handler);
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
      return await handlerFor(env).fetch(request, { db, rateLimiter: env.RATE_LIMITER && cloudflareRateLimiter(env.RATE_LIMITER) });
    } finally {
      ctx.waitUntil(pool.end().catch(() => undefined));
    }
  },
};
