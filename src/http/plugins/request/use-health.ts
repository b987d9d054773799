import { sql } from 'drizzle-orm';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { Database } from '../../../db/database.js';

/** `GET /health`: 200 when the database answers, 503 when it does not; for load balancers and uptime checks. */
export function useHealth<ServerContext extends object>(
  database: (context: ServerContext & YogaInitialContext) => Database | Promise<Database>,
): Plugin<object, ServerContext> {
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      if (url.pathname !== '/health' || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const headers = { 'cache-control': 'no-store' };
      try {
        const db = await database(serverContext as ServerContext & YogaInitialContext);
        await db.execute(sql`SELECT 1`);
        endResponse(Response.json({ status: 'ok', database: 'ok' }, { headers }));
      } catch {
        endResponse(Response.json({ status: 'unavailable', database: 'unreachable' }, { status: 503, headers }));
      }
    },
  };
}
