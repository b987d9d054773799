import type { Logger } from 'drizzle-orm';
import pg from 'pg';
import { openPostgresDatabase } from '../src/db/postgres.js';
import { PreparingClient } from '../src/db/postgres-client.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { type Bound, type Measurement, measurement } from './http-load.js';

/** One SQL statement as whosaid sent it to the driver. */
export interface Statement {
  sql: string;
  params: unknown[];
}

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback)\b/i;

/**
 * The SQL statements whosaid runs for each of the read requests, captured once from an in-process whosaid over the
 * same database: the drizzle logger sees every statement with its parameters.
 */
export async function captureStatements(
  databaseUrl: string,
  requests: Record<string, { document: string; variables: Record<string, unknown> }>,
): Promise<Record<string, Statement[]>> {
  let captured: Statement[] = [];
  const logger: Logger = {
    logQuery(sql, params) {
      if (!TRANSACTION_CONTROL.test(sql)) captured.push({ sql, params });
    },
  };
  const database = await openPostgresDatabase(databaseUrl, { logger });
  const yoga = createWhosaid({ database: () => database.db });
  try {
    const statements: Record<string, Statement[]> = {};
    for (const [name, { document, variables }] of Object.entries(requests)) {
      captured = [];
      const response = await yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: document, variables }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`${name} failed while its SQL was captured: ${JSON.stringify(body.errors)}`);
      statements[name] = captured;
    }
    return statements;
  } finally {
    await database.close();
  }
}

/**
 * The floor: the captured statements of one request, run one after the other straight through node-postgres (a pool
 * as large as whosaid's) by `connections` concurrent callers, first for the warm-up, then for the run.
 */
export async function replayStatements(
  databaseUrl: string,
  statements: Statement[],
  options: { connections: number; poolSize: number; run: Bound; warmup: Bound },
): Promise<Measurement> {
  // Prepared by name as whosaid's own statements are (src/db/postgres-client.ts): the same statements, sent alike.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize, Client: PreparingClient });
  const once = async (bound: Bound) => {
    const latencies: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    let started = 0;
    const began = performance.now();
    const deadline = 'seconds' in bound ? began + bound.seconds * 1000 : Number.POSITIVE_INFINITY;
    const more = () => ('requests' in bound ? started < bound.requests : performance.now() < deadline);
    const caller = async () => {
      while (more()) {
        started += 1;
        const start = performance.now();
        try {
          for (const { sql, params } of statements) await pool.query(sql, params);
          latencies.push(performance.now() - start);
        } catch (error) {
          errors += 1;
          firstError ??= (error as Error).message.slice(0, 300);
        }
      }
    };
    await Promise.all(Array.from({ length: options.connections }, caller));
    return measurement(latencies, (performance.now() - began) / 1000, errors, firstError);
  };
  try {
    await once(options.warmup);
    return await once(options.run);
  } finally {
    await pool.end();
  }
}
