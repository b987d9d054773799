import type { RateLimit } from '@cloudflare/workers-types/index.js';
import { parseCorsOrigins } from '../src/config/settings.js';

/** The Worker's bindings (wrangler.toml vars and secrets). */
export interface Env {
  /** Postgres connection string, a secret: `wrangler secret put DATABASE_URL`. */
  DATABASE_URL?: string;
  /** `true` makes reads need an API key as well. */
  WHOSAID_READS_REQUIRE_KEY?: string;
  /** Cloudflare's rate limiting binding (wrangler.toml [[ratelimits]]): requests per key or address per minute. */
  RATE_LIMITER?: RateLimit;
  /** `true`: only operations registered as trusted documents run (npm run documents). */
  WHOSAID_TRUSTED_DOCUMENTS_ONLY?: string;
  /** `true` or `false`: GraphiQL for browsers on GET /graphql. Unset: on unless WHOSAID_ENV is production. */
  WHOSAID_GRAPHIQL?: string;
  /** `true` or `false`: whether __schema and __type may be queried. Unset: on unless WHOSAID_ENV is production. */
  WHOSAID_INTROSPECTION?: string;
  /** Comma-separated origins whose pages may call the API from a browser, or `*` (unset) for any. */
  WHOSAID_CORS_ORIGINS?: string;
  /** Milliseconds one SQL statement may run before Postgres cancels it; 10000 when unset. */
  WHOSAID_STATEMENT_TIMEOUT_MS?: string;
  /** `development`, `staging` or `production`. */
  WHOSAID_ENV?: string;
  /**
   * Local development and tests only: `host:port` of the WebSocket-to-TCP bridge that stands in for Neon's proxy
   * (`npm run dev:worker` starts one). Never set in a deployed Worker.
   */
  NEON_WS_PROXY?: string;
}

export interface WorkerSettings {
  readsRequireKey: boolean;
  graphiql: boolean;
  introspection: boolean;
  cors: string[];
  trustedDocumentsOnly: boolean;
}

/** The Worker's settings from its vars; a var with a value it cannot use throws, naming it. */
export function workerSettings(env: Env): WorkerSettings {
  const development = env.WHOSAID_ENV !== 'production';
  return {
    readsRequireKey: flag(env, 'WHOSAID_READS_REQUIRE_KEY', false),
    graphiql: flag(env, 'WHOSAID_GRAPHIQL', development),
    introspection: flag(env, 'WHOSAID_INTROSPECTION', development),
    cors: named('WHOSAID_CORS_ORIGINS', () => parseCorsOrigins(env.WHOSAID_CORS_ORIGINS ?? '*')),
    trustedDocumentsOnly: flag(env, 'WHOSAID_TRUSTED_DOCUMENTS_ONLY', false),
  };
}

type FlagName =
  | 'WHOSAID_READS_REQUIRE_KEY'
  | 'WHOSAID_GRAPHIQL'
  | 'WHOSAID_INTROSPECTION'
  | 'WHOSAID_TRUSTED_DOCUMENTS_ONLY';

function flag(env: Env, name: FlagName, unset: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return unset;
  if (value !== 'true' && value !== 'false') throw new Error(`${name}: must be true or false, not "${value}"`);
  return value === 'true';
}

function named<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}`);
  }
}
