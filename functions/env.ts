import type { RateLimit } from '@cloudflare/workers-types/index.js';
import {
  readSettings,
  type WorkerVars,
  workerDatabaseSettings,
  workerHandlerSettings,
} from '../src/config/settings.js';

/** The Worker's bindings: its vars (wrangler.toml and secrets such as DATABASE_URL), and its rate limit. */
export type Env = WorkerVars & {
  /** Cloudflare's rate limiting binding (wrangler.toml [[ratelimits]]): requests per key or address per minute. */
  RATE_LIMITER?: RateLimit;
};

export interface WorkerSettings {
  readsRequireKey: boolean;
  graphiql: boolean;
  introspection: boolean;
  cors: string[];
  trustedDocumentsOnly: boolean;
}

/** What the Worker's handler is made with, from its vars; one it cannot use throws a ConfigurationError naming it. */
export function workerSettings(env: Env): WorkerSettings {
  const vars = readSettings(workerHandlerSettings, env);
  return {
    readsRequireKey: vars.WHOSAID_READS_REQUIRE_KEY,
    graphiql: vars.WHOSAID_GRAPHIQL,
    introspection: vars.WHOSAID_INTROSPECTION,
    cors: vars.WHOSAID_CORS_ORIGINS,
    trustedDocumentsOnly: vars.WHOSAID_TRUSTED_DOCUMENTS_ONLY,
  };
}

/** How the Worker connects to its database for a request, from its vars; as workerSettings, it may throw. */
export function connectionSettings(env: Env): { statementTimeoutMs: number; localProxy?: string } {
  const vars = readSettings(workerDatabaseSettings, env);
  return { statementTimeoutMs: vars.WHOSAID_STATEMENT_TIMEOUT_MS, localProxy: vars.NEON_WS_PROXY };
}
