import { createHash } from 'node:crypto';
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

const statementName = (text: string) => `whosaid_${createHash('sha1').update(text).digest('base64url')}`;

/**
 * A node-postgres client that prepares every statement it sends by a name taken from its text, as PostGraphile does:
 * the server parses and plans a statement once per connection instead of on every request (planning is most of the
 * cost of whosaid's nested reads), and node-postgres sends only Bind and Execute from then on. Connecting times out on
 * its own (the pool's timeout would also end a wait for a busy pool's next free connection).
 */
export class PreparingClient extends pg.Client {
  readonly prepared = new Set<string>();

  constructor(config: pg.ClientConfig = {}) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

const send = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;

PreparingClient.prototype.query = function query(this: PreparingClient, config: unknown, ...rest: unknown[]) {
  const statement = typeof config === 'string' ? { text: config } : config;
  if (statement && typeof statement === 'object' && 'text' in statement && typeof statement.text === 'string') {
    const name = 'name' in statement && statement.name ? undefined : statementName(statement.text);
    if (name && (this.prepared.has(name) || this.prepared.size < PREPARED_PER_CONNECTION)) {
      this.prepared.add(name);
      return send.call(this, { ...statement, name }, ...rest);
    }
  }
  return send.call(this, config, ...rest);
} as typeof pg.Client.prototype.query;
