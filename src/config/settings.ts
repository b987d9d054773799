import * as z from 'zod';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from '../db/database.js';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const environmentSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
    ),
    WHOSAID_DATA_DIR: z.string().default('.data/pglite'),
    WHOSAID_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
    WHOSAID_TRUSTED_DOCUMENTS_ONLY: flag.default(false),
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** How long one SQL statement may run before the database cancels it and the client is answered TIMEOUT; 0: forever. */
    WHOSAID_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_STATEMENT_TIMEOUT_MS),
    WHOSAID_READS_REQUIRE_KEY: flag.default(false),
    /** Seconds for which answers to anonymous reads are served again from this process's memory; 0: not at all. */
    WHOSAID_READ_CACHE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(0),
    /** Unset: on unless NODE_ENV is production. */
    WHOSAID_GRAPHIQL: flag.optional(),
    /** Unset: on unless NODE_ENV is production. */
    WHOSAID_INTROSPECTION: flag.optional(),
    WHOSAID_CORS_ORIGINS: z
      .string()
      .default('*')
      .transform((value, context) => {
        try {
          return parseCorsOrigins(value);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
  })
  .transform((config) => ({
    ...config,
    WHOSAID_GRAPHIQL: config.WHOSAID_GRAPHIQL ?? config.NODE_ENV !== 'production',
    WHOSAID_INTROSPECTION: config.WHOSAID_INTROSPECTION ?? config.NODE_ENV !== 'production',
  }));

export type ServerConfig = z.output<typeof environmentSchema>;

/** The server's settings from the environment; an invalid one stops the start with its name. */
export function readServerConfig(environment: NodeJS.ProcessEnv): ServerConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n  ');
    throw new Error(`Invalid configuration:\n  ${problems}`);
  }
  return parsed.data;
}

/** `https://app.example.org, https://admin.example.org` or `*` as a list of origins; an empty value allows none. */
export function parseCorsOrigins(value: string): string[] {
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    if (origin !== '*' && originOf(origin) !== origin) {
      throw new Error(`"${origin}" is not an origin: scheme://host[:port], without a path or a trailing slash, or *`);
    }
  }
  return origins;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
