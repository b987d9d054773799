import type { ExecutionContext } from '@cloudflare/workers-types/index.js';
import { ConfigurationError } from '../src/config/settings.js';
import type { Database } from '../src/db/database.js';
import { openNeonDatabase } from '../src/db/neon.js';
import type { RateLimiter } from '../src/http/rate-limiter.js';
import { statementCounter } from '../src/http/request-record.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { connectionSettings, type Env, type WorkerSettings, workerSettings } from './env.js';
import { cloudflareRateLimiter } from './rate-limiter.js';

type WorkerContext = { db: Database; rateLimiter?: RateLimiter };

// One handler per set of settings, made once per isolate: the schema and its caches outlive requests, connections do not.
const handlers = new Map<string, ReturnType<typeof createWhosaid<WorkerContext>>>();
function handlerFor(settings: WorkerSettings) {
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

const misconfigured = (message: string) =>
  Response.json(
    { errors: [{ message: `whosaid is not configured: ${message}`, extensions: { code: 'MISCONFIGURED' } }] },
    { status: 500 },
  );

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    if (!env.DATABASE_URL) {
      return misconfigured('the DATABASE_URL secret is not set (wrangler secret put DATABASE_URL)');
    }
    let handler: ReturnType<typeof handlerFor>;
    let connection: ReturnType<typeof connectionSettings>;
    try {
      handler = handlerFor(workerSettings(env));
      connection = connectionSettings(env);
    } catch (error) {
      if (error instanceof ConfigurationError) return misconfigured(error.problems.join('; '));
      throw error;
    }
    const { db, pool } = openNeonDatabase(env.DATABASE_URL, { ...connection, logger: statementCounter });
    try {
      return await handler.fetch(request, {
        db,
        rateLimiter: env.RATE_LIMITER && cloudflareRateLimiter(env.RATE_LIMITER),
      });
    } finally {
      ctx.waitUntil(pool.end().catch(() => undefined));
    }
  },
};
