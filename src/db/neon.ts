import { neonConfig, Pool } from '@neondatabase/serverless';
import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { type Database, DEFAULT_STATEMENT_TIMEOUT_MS } from './database.js';
import { relations } from './relations.js';

/**
 * A Neon Pool for one request. `localProxy` points the driver at a local WebSocket-to-TCP bridge instead of Neon's
 * own proxy, for development and tests against a plain Postgres server.
 */
export function openNeonDatabase(
  url: string,
  options: { localProxy?: string; logger?: Logger; statementTimeoutMs?: number } = {},
): { db: Database; pool: Pool } {
  const { localProxy } = options;
  if (localProxy) {
    neonConfig.wsProxy = (host, port) => `${localProxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    max: 5,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
  });
  return { db: drizzle({ client: pool, relations, logger: options.logger }), pool };
}
