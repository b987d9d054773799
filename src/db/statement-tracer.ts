import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { PreparingClient } from './postgres-client.js';

/**
 * Runs one SQL statement (`run`) inside whatever a tracer wraps around it, a span. Given to openDatabase only where
 * traces are on: without one, the drivers are left as they are and a statement costs nothing more.
 */
export type StatementTracer = <Result>(text: string, run: () => Promise<Result>) => Promise<Result>;

/** The PGlite client drizzle is given, each of whose queries (and its transactions' queries) goes through `trace`. */
export function tracePglite(client: PGlite, trace: StatementTracer): PGlite {
  const query = client.query.bind(client);
  const transaction = client.transaction.bind(client);
  const traced = (run: PGlite['query']) =>
    ((text, params, options) => trace(text, () => run(text, params, options))) as PGlite['query'];
  client.query = traced(query);
  client.transaction = ((callback: (tx: Transaction) => Promise<unknown>) =>
    transaction((tx) =>
      callback(Object.assign(tx, { query: traced(tx.query.bind(tx) as PGlite['query']) })),
    )) as PGlite['transaction'];
  return client;
}

/**
 * The pool's own query (drizzle's statements outside a transaction) is traced where it is called, in the request's
 * context: the connection it waits for may be handed over from another request's. A transaction's statements go to
 * the client drizzle checked out, in the request's context too: `TracedClient` traces those, which are the calls
 * without a callback (the pool's own call passes one).
 */
export function tracePool(pool: pg.Pool, trace: StatementTracer): pg.Pool {
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  pool.query = ((config: unknown, ...rest: unknown[]) =>
    typeof rest.at(-1) === 'function'
      ? query(config, ...rest)
      : trace(statementText(config), () => query(config, ...rest))) as typeof pool.query;
  return pool;
}

/** whosaid's node-postgres client, whose promise-style queries (a transaction's) go through `trace`. */
export function tracedClient(trace: StatementTracer): typeof PreparingClient {
  class TracedClient extends PreparingClient {}
  const send = PreparingClient.prototype.query as (this: pg.Client, ...args: unknown[]) => Promise<unknown>;
  TracedClient.prototype.query = function query(this: TracedClient, config: unknown, ...rest: unknown[]) {
    if (typeof rest.at(-1) === 'function') return send.call(this, config, ...rest);
    return trace(statementText(config), () => send.call(this, config, ...rest));
  } as typeof pg.Client.prototype.query;
  return TracedClient;
}

function statementText(config: unknown): string {
  if (typeof config === 'string') return config;
  if (config && typeof config === 'object' && 'text' in config && typeof config.text === 'string') return config.text;
  return '';
}
