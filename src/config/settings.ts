import * as z from 'zod';
import { DEFAULT_STATEMENT_TIMEOUT_MS, LONGEST_STATEMENT_TIMEOUT_MS } from '../db/database.js';
import { claimLeaseMs } from '../db/idempotency-claims.js';
import type { DatabaseOptions } from '../db/open-database.js';

// `WHOSAID_GRAPHIQL=` in a shell or `""` in wrangler.toml says nothing, so it is read as unset; a number would
// otherwise coerce to 0, which turns the rate limit and the statement timeout off. WHOSAID_CORS_ORIGINS is not read
// this way: there, empty means that no origin may call.
const unsetWhenEmpty = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema);

const flag = z.stringbool({
  truthy: ['true'],
  falsy: ['false'],
  case: 'sensitive',
  error: (issue) => `must be true or false, not "${issue.input}"`,
});

function wholeNumber(max?: number) {
  const error = max === undefined ? 'must be a whole number, 0 or more' : `must be a whole number from 0 to ${max}`;
  const number = z.coerce.number({ error }).int({ error }).min(0, { error });
  return max === undefined ? number : number.max(max, { error });
}

function oneOf<const Values extends readonly [string, ...string[]]>(values: Values) {
  const list = `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
  return z.enum(values, { error: (issue) => `must be ${list}, not "${issue.input}"` });
}

const POSTGRES_PROTOCOL = /^postgres(ql)?$/;
const REDIS_PROTOCOL = /^rediss?$/;

const METRICS_TOKEN = /^[\w.~+/=-]{16,}$/;
/** `off`: no /metrics; `public`: open to whoever reaches it; anything else is the bearer token a scraper must send. */
const metricsAccess = z
  .string()
  .refine((value) => value === 'off' || value === 'public' || METRICS_TOKEN.test(value), {
    error: 'must be off, public, or a token of 16 or more letters, digits or ._~+/=- for Authorization: Bearer',
  })
  .transform((value) => (value === 'off' ? undefined : value === 'public' ? ('public' as const) : { token: value }));

const origin = z.string().refine((value) => value === '*' || originOf(value) === value, {
  error: (issue) => `"${issue.input}" is not an origin: scheme://host[:port], without a path or a trailing slash, or *`,
});

/**
 * Every setting whosaid reads, under the name it is set by (an environment variable, a Worker var), parsed to the
 * value the code takes, in the order of the README's Configuration table, which says what each one does. Each
 * platform picks those that apply to it, below.
 */
const settings = z.object({
  PORT: unsetWhenEmpty(wholeNumber(65535).default(4000)),
  HOST: unsetWhenEmpty(z.string().default('127.0.0.1')),
  DATABASE_URL: unsetWhenEmpty(z.url({ protocol: POSTGRES_PROTOCOL, error: 'must be a postgres:// URL' }).optional()),
  WHOSAID_DATA_DIR: unsetWhenEmpty(z.string().default('.data/pglite')),
  WHOSAID_READS_REQUIRE_KEY: unsetWhenEmpty(flag.default(false)),
  WHOSAID_RATE_LIMIT: unsetWhenEmpty(wholeNumber().default(600)),
  /** Unset: on unless this is production. */
  WHOSAID_GRAPHIQL: unsetWhenEmpty(flag.optional()),
  /** Unset: on unless this is production. */
  WHOSAID_INTROSPECTION: unsetWhenEmpty(flag.optional()),
  WHOSAID_CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .pipe(z.array(origin)),
  WHOSAID_TRUSTED_DOCUMENTS_ONLY: unsetWhenEmpty(flag.default(false)),
  WHOSAID_READ_CACHE_SECONDS: unsetWhenEmpty(wholeNumber(3_600).default(0)),
  WHOSAID_STATEMENT_TIMEOUT_MS: unsetWhenEmpty(
    wholeNumber(LONGEST_STATEMENT_TIMEOUT_MS).default(DEFAULT_STATEMENT_TIMEOUT_MS),
  ),
  WHOSAID_REDIS_URL: unsetWhenEmpty(
    z.url({ protocol: REDIS_PROTOCOL, error: 'must be a redis:// or rediss:// URL' }).optional(),
  ),
  WHOSAID_REDIS_PREFIX: unsetWhenEmpty(z.string().default('whosaid:')),
  WHOSAID_TRUST_PROXY: unsetWhenEmpty(flag.default(false)),
  WHOSAID_SHUTDOWN_TIMEOUT_MS: unsetWhenEmpty(wholeNumber(600_000).default(10_000)),
  WHOSAID_METRICS: unsetWhenEmpty(z.string().default('off').pipe(metricsAccess)),
  /** OpenTelemetry's own: set, traces are sent there (OTLP over HTTP, JSON). The exporter reads its other OTEL_ vars. */
  OTEL_EXPORTER_OTLP_ENDPOINT: unsetWhenEmpty(
    z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ),
  OTEL_SERVICE_NAME: unsetWhenEmpty(z.string().default('whosaid')),
  NODE_ENV: unsetWhenEmpty(oneOf(['development', 'test', 'production']).default('development')),
  // NODE_ENV's place in a Worker, whose vars cannot set NODE_ENV: wrangler writes that into the bundle as it builds
  // it (production to deploy, development under wrangler dev). The values are wrangler.toml's environments.
  WHOSAID_ENV: unsetWhenEmpty(oneOf(['development', 'staging', 'production']).default('development')),
  /**
   * Local development and tests only: `host:port` of the WebSocket-to-TCP bridge that stands in for Neon's proxy
   * (`npm run dev:worker` starts one). Never set in a deployed Worker.
   */
  NEON_WS_PROXY: unsetWhenEmpty(z.string().optional()),
});

/** GraphiQL and introspection, where they are not set, are on except in production. */
function developmentDefaults<Config extends { WHOSAID_GRAPHIQL?: boolean; WHOSAID_INTROSPECTION?: boolean }>(
  config: Config,
  environment: string,
) {
  const development = environment !== 'production';
  return {
    ...config,
    WHOSAID_GRAPHIQL: config.WHOSAID_GRAPHIQL ?? development,
    WHOSAID_INTROSPECTION: config.WHOSAID_INTROSPECTION ?? development,
  };
}

const handlerVariables = settings.pick({
  WHOSAID_STATEMENT_TIMEOUT_MS: true,
  WHOSAID_READS_REQUIRE_KEY: true,
  WHOSAID_GRAPHIQL: true,
  WHOSAID_INTROSPECTION: true,
  WHOSAID_CORS_ORIGINS: true,
  WHOSAID_TRUSTED_DOCUMENTS_ONLY: true,
});

/**
 * The handler's settings under the names of createWhosaid's options, which every platform spreads into it; the entry
 * that does checks that each is one of them, of its type (src/config may not import src/http).
 */
function handlerOptions(config: z.output<typeof handlerVariables>, environment: string) {
  const vars = developmentDefaults(config, environment);
  return {
    readsRequireKey: vars.WHOSAID_READS_REQUIRE_KEY,
    graphiql: vars.WHOSAID_GRAPHIQL,
    introspection: vars.WHOSAID_INTROSPECTION,
    cors: vars.WHOSAID_CORS_ORIGINS,
    trustedDocumentsOnly: vars.WHOSAID_TRUSTED_DOCUMENTS_ONLY,
    idempotencyLeaseMs: claimLeaseMs(vars.WHOSAID_STATEMENT_TIMEOUT_MS),
  };
}

const databaseVariables = settings.pick({
  DATABASE_URL: true,
  WHOSAID_DATA_DIR: true,
  WHOSAID_STATEMENT_TIMEOUT_MS: true,
});

/** The settings that say which database and how, as openDatabase takes them. */
export function databaseOptions(config: z.output<typeof databaseVariables>): DatabaseOptions {
  return {
    databaseUrl: config.DATABASE_URL,
    dataDir: config.WHOSAID_DATA_DIR,
    statementTimeoutMs: config.WHOSAID_STATEMENT_TIMEOUT_MS,
  };
}

/**
 * `npm start`: every setting but the Worker's own, by its name, and then as the options they are read for: `handler`
 * for createWhosaid, `database` for openDatabase.
 */
export const serverSettings = settings.omit({ WHOSAID_ENV: true, NEON_WS_PROXY: true }).transform((config) => ({
  ...developmentDefaults(config, config.NODE_ENV),
  handler: {
    ...handlerOptions(config, config.NODE_ENV),
    readCacheSeconds: config.WHOSAID_READ_CACHE_SECONDS,
    fieldSuggestions: config.NODE_ENV !== 'production',
  },
  /** Who may read GET /metrics (useMetrics); undefined: there is none. */
  metrics: config.WHOSAID_METRICS,
  database: databaseOptions(config),
  tracing: config.OTEL_EXPORTER_OTLP_ENDPOINT
    ? { endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config.OTEL_SERVICE_NAME }
    : undefined,
}));

export type ServerConfig = z.output<typeof serverSettings>;

/** `npm run keys`, `npm run documents`: the database the server uses. */
export const databaseSettings = databaseVariables.transform(databaseOptions);

// A message that names its setting itself, which readSettings does not put the name before.
const WORKER_DATABASE_URL_UNSET = 'the DATABASE_URL secret is not set (wrangler secret put DATABASE_URL)';
const sentences = new Set([WORKER_DATABASE_URL_UNSET]);

/** `npm run db:migrate`, `db:seed`, `dev:worker`: they work on a Postgres server, so DATABASE_URL must name one. */
export const postgresSettings = databaseVariables
  .extend({
    DATABASE_URL: unsetWhenEmpty(
      z.url({
        protocol: POSTGRES_PROTOCOL,
        error: (issue) =>
          issue.input === undefined
            ? 'not set: this command works on a Postgres server, e.g. postgres://postgres@127.0.0.1:5432/whosaid'
            : 'must be a postgres:// URL',
      }),
    ),
  })
  .transform((config) => ({ ...databaseOptions(config), databaseUrl: config.DATABASE_URL }));

/** The Worker's vars for its handler, which it makes once per set of them: createWhosaid's options. */
export const workerHandlerSettings = settings
  .pick({ WHOSAID_ENV: true })
  .extend(handlerVariables.shape)
  .transform((vars) => handlerOptions(vars, vars.WHOSAID_ENV));

const workerDatabaseVariables = settings.pick({
  DATABASE_URL: true,
  WHOSAID_STATEMENT_TIMEOUT_MS: true,
  NEON_WS_PROXY: true,
});

const connectionOptions = (vars: z.output<typeof workerDatabaseVariables>) => ({
  statementTimeoutMs: vars.WHOSAID_STATEMENT_TIMEOUT_MS,
  localProxy: vars.NEON_WS_PROXY,
});

/**
 * The Worker's vars for the database it opens for each request: its DATABASE_URL secret, which must be set, and how it
 * connects. It has no PORT, HOST or WHOSAID_DATA_DIR, keeps no read cache, and its rate limit is a binding
 * (RATE_LIMITER), not a number.
 */
export const workerDatabaseSettings = workerDatabaseVariables
  .extend({
    DATABASE_URL: unsetWhenEmpty(
      z.url({
        protocol: POSTGRES_PROTOCOL,
        error: (issue) => (issue.input === undefined ? WORKER_DATABASE_URL_UNSET : 'must be a postgres:// URL'),
      }),
    ),
  })
  .transform((vars) => ({ databaseUrl: vars.DATABASE_URL, ...connectionOptions(vars) }));

/** The Worker's vars as its env holds them: text, or absent. */
export type WorkerVars = {
  [Name in keyof z.input<typeof workerHandlerSettings> | keyof z.input<typeof workerDatabaseSettings>]?: string;
};

/** One or more settings that cannot be used, each as `NAME: what is wrong`, or as a sentence that names it. */
export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigurationError';
  }
}

/** The settings `schema` picks, from `environment`; throws a ConfigurationError naming each one it cannot use. */
export function readSettings<Schema extends z.ZodType>(schema: Schema, environment: object): z.output<Schema> {
  const parsed = schema.safeParse(environment);
  if (parsed.success) return parsed.data;
  throw new ConfigurationError(
    parsed.error.issues.map((issue) =>
      sentences.has(issue.message) ? issue.message : `${String(issue.path[0])}: ${issue.message}`,
    ),
  );
}

/** The Node server's settings from `environment`; throws a ConfigurationError naming each one it cannot use. */
export function readServerConfig(environment: object): ServerConfig {
  return readSettings(serverSettings, environment);
}

/**
 * A Node process's settings, read from its environment as it starts. An invalid one ends the process with the
 * problems on stderr (then `usage`, if given) and exit code 1; a stack trace would only hide them.
 */
export function settingsOrExit<Schema extends z.ZodType>(schema: Schema, usage?: string): z.output<Schema> {
  try {
    return readSettings(schema, process.env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(usage === undefined ? error.message : `${error.message}\n${usage}`);
    process.exit(1);
  }
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
