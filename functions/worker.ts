import type { ExecutionContext } from '@cloudflare/workers-types/index.js';
import type { Database } from '../src/db/database.js';
import { openNeonDatabase } from '../src/db/neon.js';
import { statementCounter } from '../src/graphql/request-log.js';
import { createWhosaid } from '../src/graphql/yoga.js';
import type { Env } from './env.js';

// One handler per setting, made once per isolate: the schema and its caches outlive requests, connections do not.
const handlers = new Map<boolean, ReturnType<typeof createWhosaid<{ db: Database }>>>();
function handlerFor(readsRequireKey: boolean) {
  let handler = handlers.get(readsRequireKey);
  if (!handler) {
    handler = createWhosaid<{ db: Database }>({ database: (context) => context.db, readsRequireKey, log: (line) => console.log(line) });
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
    const { db, pool } = openNeonDatabase(env.DATABASE_URL, {
      localProxy: env.NEON_WS_PROXY,
      logger: statementCounter,
      statementTimeoutMs: statementTimeoutOf(env),
    });
    try {
      return await handlerFor(env.WHOSAID_READS_REQUIRE_KEY === 'true').fetch(request, { db });
    } finally {
      ctx.waitUntil(pool.end().catch(() => undefined));
    }
  },
};

/** WHOSAID_STATEMENT_TIMEOUT_MS where it is a whole number of milliseconds; the default otherwise. */
function statementTimeoutOf(env: Env): number | undefined {
  const timeout = Number(env.WHOSAID_STATEMENT_TIMEOUT_MS || undefined);
  return Number.isSafeInteger(timeout) && timeout >= 0 ? timeout : undefined;
}
