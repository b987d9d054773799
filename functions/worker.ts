import type { ExecutionContext } from '@cloudflare/workers-types/index.js';
import type { Database } from '../src/db/database.js';
import { openNeonDatabase } from '../src/db/neon.js';
import { createWhosaid } from '../src/graphql/yoga.js';
import type { Env } from './env.js';

const yoga = createWhosaid<{ db: Database }>({ database: (context) => context.db });

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
    const { db, pool } = openNeonDatabase(env.DATABASE_URL, env.NEON_WS_PROXY);
    try {
      return await yoga.fetch(request, { db });
    } finally {
      ctx.waitUntil(pool.end().catch(() => undefined));
    }
  },
};
