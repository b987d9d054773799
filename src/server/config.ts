import * as z from 'zod';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from '../db/database.js';

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  ),
  WHOSAID_DATA_DIR: z.string().default('.data/pglite'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** How long one SQL statement may run before the database cancels it and the client is answered TIMEOUT; 0: forever. */
  WHOSAID_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_STATEMENT_TIMEOUT_MS),
  WHOSAID_READS_REQUIRE_KEY: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});

export type ServerConfig = z.infer<typeof environmentSchema>;

/** The server's settings from the environment; an invalid one stops the start with its name. */
export function readServerConfig(environment: NodeJS.ProcessEnv): ServerConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n  ');
    throw new Error(`Invalid configuration:\n  ${problems}`);
  }
  return parsed.data;
}
