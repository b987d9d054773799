import type { RateLimit } from '@cloudflare/workers-types/index.js';
import type * as z from 'zod';
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

/** createWhosaid's options that the Worker's vars give. */
export type WorkerSettings = z.output<typeof workerHandlerSettings>;

/** What the Worker's handler is made with, from its vars; one it cannot use throws a ConfigurationError naming it. */
export function workerSettings(env: Env): WorkerSettings {
  return readSettings(workerHandlerSettings, env);
}

/** The database the Worker opens for a request and how, from its vars; without DATABASE_URL, it throws as well. */
export function workerDatabase(env: Env): z.output<typeof workerDatabaseSettings> {
  return readSettings(workerDatabaseSettings, env);
}
