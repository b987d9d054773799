import { sql } from 'drizzle-orm';
import { type Plugin, useReadinessCheck, type YogaInitialContext } from 'graphql-yoga';
import type { Database } from '../../../db/database.js';

const ENDPOINT = '/health';

/** `GET /health`: 200 when the database answers, 503 when it does not; for load balancers and uptime checks. */
export function useHealth<ServerContext extends object>(
  database: (context: ServerContext & YogaInitialContext) => Database | Promise<Database>,
): Plugin<object, ServerContext> {
  // The check is handed the request alone, but the database of a request comes from its server context (a Worker
  // opens one per request), so the context is kept for the check to find.
  const contexts = new WeakMap<Request, ServerContext & YogaInitialContext>();
  const readiness = useReadinessCheck({
    endpoint: ENDPOINT,
    async check({ request }) {
      const headers = { 'cache-control': 'no-store' };
      try {
        const db = await database(contexts.get(request)!);
        await db.execute(sql`SELECT 1`);
        return Response.json({ status: 'ok', database: 'ok' }, { headers });
      } catch {
        return Response.json({ status: 'unavailable', database: 'unreachable' }, { status: 503, headers });
      }
    },
  });
  const health: Plugin = {
    onYogaInit: readiness.onYogaInit,
    onRequest(payload) {
      // yoga's check answers any method, on any path that ends in its endpoint; whosaid's is GET and HEAD of /health.
      const { request, url, serverContext } = payload;
      if (url.pathname !== ENDPOINT || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      contexts.set(request, serverContext as ServerContext & YogaInitialContext);
      return readiness.onRequest?.(payload);
    },
  };
  return health as Plugin<object, ServerContext>;
}
