/** The Worker's bindings (wrangler.toml vars and secrets). */
export interface Env {
  /** Postgres connection string, a secret: `wrangler secret put DATABASE_URL`. */
  DATABASE_URL?: string;
  /** `true` makes reads need an API key as well. */
  WHOSAID_READS_REQUIRE_KEY?: string;
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
