import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';

/** A server that does not answer at all is reported as unavailable, not waited on for minutes. */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * How many statements one connection keeps prepared. Past it, new statements run unnamed, planned each time: a
 * prepared statement costs the server memory for as long as the connection lives, and the hot ones come first.
 * (Evicting would mean DEALLOCATE, which fails inside an aborted transaction and leaves this side and the server's
 * disagreeing about what is prepared.)
 */
export const PREPARED_PER_CONNECTION = 200;

const statementName = (text: string) => createHash('sha1').update(text).digest('base64url');

/**
 * A node-postgres client whose connecting times out on its own (the pool's timeout would also end a wait for a busy
 * pool's next free connection).
 */
export class TimedClient extends pg.Client {
  constructor(config: pg.ClientConfig = {}) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

/**
 * A client that prepares every statement with parameters by a name taken from its text, as PostGraphile does: the
 * server parses and plans it once per connection instead of on every request, and is sent only Bind and Execute from
 * then on. A statement without parameters goes as it is, by the simple protocol, which allows several commands in
 * one. Each client's names are its own, so that where connections share a session (pglite-socket serves them all
 * from one) they do not collide; a pooler in transaction mode must support prepared statements (PgBouncer's
 * max_prepared_statements, as Neon's pooler has it).
 */
export class PreparingClient extends TimedClient {
  readonly prepared = new Set<string>();
  // Random, not counted: two processes (a server and a script) may share one session too.
  readonly #prefix = `whosaid_${randomBytes(6).toString('base64url')}_`;

  nameOf(text: string): string {
    return `${this.#prefix}${statementName(text)}`;
  }
}

const send = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;

PreparingClient.prototype.query = function query(this: PreparingClient, config: unknown, ...rest: unknown[]) {
  const statement = typeof config === 'string' ? { text: config } : config;
  if (statement && typeof statement === 'object' && 'text' in statement && typeof statement.text === 'string') {
    const values = 'values' in statement ? statement.values : rest[0];
    const named = 'name' in statement && statement.name;
    if (!named && Array.isArray(values) && values.length > 0) {
      const name = this.nameOf(statement.text);
      if (this.prepared.has(name) || this.prepared.size < PREPARED_PER_CONNECTION) {
        this.prepared.add(name);
        return send.call(this, { ...statement, name }, ...rest);
      }
    }
  }
  return send.call(this, config, ...rest);
} as typeof pg.Client.prototype.query;
