import type { ExecutionContext } from '@cloudflare/workers-types/index.js';
import { ConfigurationError } from '../src/config/settings.js';
import type { Database } from '../src/db/database.js';
import { openNeonDatabase } from '../src/db/neon.js';
import type { RateLimiter } from '../src/http/rate-limiter.js';
import { statementCounter } from '../src/http/request-record.js';
import { createWhosaid, type WhosaidOptions } from '../src/http/whosaid.js';
import { type Env, type WorkerSettings, workerDatabase, workerSettings } from './env.js';
import { cloudflareRateLimiter } from './rate-limiter.js';

type WorkerContext = { db: Database; rateLimiter?: RateLimiter };

// One handler per set of settings, made once per isolate: the schema and its caches outlive requests, connections do not.
const handlers = new Map<string, ReturnType<typeof createWhosaid<WorkerContext>>>();
function handlerFor(settings: WorkerSettings) {
  const key = JSON.stringify(settings);
  let handler = handlers.get(key);
  if (!handler) {
    // Each of the settings is an option of createWhosaid, of its type: a spread alone would let a stray name through.
    const options: Pick<WhosaidOptions<WorkerContext>, keyof WorkerSettings> = settings;
    handler = createWhosaid<WorkerContext>({
      ...options,
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
    let database: ReturnType<typeof workerDatabase>;
    let handler: ReturnType<typeof handlerFor>;
    try {
      // The database first: without its DATABASE_URL secret, that is what the answer says.
      database = workerDatabase(env);
      handler = handlerFor(workerSettings(env));
    } catch (error) {
      if (error instanceof ConfigurationError) return misconfigured(error.problems.join('; '));
      throw error;
    }
    const { databaseUrl, ...connection } = database;
    const { db, pool } = openNeonDatabase(databaseUrl, { ...connection, logger: statementCounter });
    const end = () => pool.end().catch(() => undefined);
    let response: Response;
    try {
      response = await handler.fetch(request, {
        db,
        rateLimiter: env.RATE_LIMITER && cloudflareRateLimiter(env.RATE_LIMITER),
      });
    } catch (error) {
      ctx.waitUntil(end());
      throw error;
    }
    // A streamed answer reads the database as its client reads it, so the pool ends after its body: the export
    // (GET /export.ndjson), and a subscription, which goes on following the feed after the answer has begun.
    const type = response.headers.get('content-type') ?? '';
    if (response.body && (type.startsWith('application/x-ndjson') || type.startsWith('text/event-stream'))) {
      const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
      ctx.waitUntil(
        response.body
          .pipeTo(writable)
          .catch(() => undefined)
          .finally(end),
      );
      return new Response(readable, response);
    }
    ctx.waitUntil(end());
    return response;
  },
};
