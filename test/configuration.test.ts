import { describe, expect, it } from 'vitest';
import { type Env, workerDatabase, workerSettings } from '../functions/env.js';
import { databaseSettings, postgresSettings, readServerConfig, readSettings } from '../src/config/settings.js';

const browserSettings = (environment: Record<string, string>) => {
  const config = readServerConfig(environment);
  return {
    graphiql: config.WHOSAID_GRAPHIQL,
    introspection: config.WHOSAID_INTROSPECTION,
    cors: config.WHOSAID_CORS_ORIGINS,
  };
};

describe("the Node server's settings from its environment", () => {
  it('has GraphiQL and introspection on, and any origin allowed, outside production', () => {
    expect(browserSettings({})).toEqual({ graphiql: true, introspection: true, cors: ['*'] });
    expect(browserSettings({ NODE_ENV: 'test' })).toEqual({ graphiql: true, introspection: true, cors: ['*'] });
  });

  it('has GraphiQL and introspection off in production unless turned on', () => {
    expect(browserSettings({ NODE_ENV: 'production' })).toEqual({ graphiql: false, introspection: false, cors: ['*'] });
    expect(browserSettings({ NODE_ENV: 'production', WHOSAID_INTROSPECTION: 'true' })).toEqual({
      graphiql: false,
      introspection: true,
      cors: ['*'],
    });
    expect(browserSettings({ WHOSAID_GRAPHIQL: 'false' })).toEqual({
      graphiql: false,
      introspection: true,
      cors: ['*'],
    });
  });

  it('reads WHOSAID_CORS_ORIGINS as a comma-separated list; empty allows no origin', () => {
    expect(browserSettings({ WHOSAID_CORS_ORIGINS: 'https://app.example, http://localhost:5173' }).cors).toEqual([
      'https://app.example',
      'http://localhost:5173',
    ]);
    expect(browserSettings({ WHOSAID_CORS_ORIGINS: '' }).cors).toEqual([]);
  });

  it('refuses to start on a value it cannot use, naming the variable', () => {
    expect(() => readServerConfig({ WHOSAID_CORS_ORIGINS: 'https://app.example/' })).toThrow(
      'Invalid configuration:\n  WHOSAID_CORS_ORIGINS: "https://app.example/" is not an origin: scheme://host[:port], without a path or a trailing slash, or *',
    );
    expect(() => readServerConfig({ WHOSAID_GRAPHIQL: 'yes' })).toThrow(/WHOSAID_GRAPHIQL/);
    expect(() => readServerConfig({ WHOSAID_READ_CACHE_SECONDS: '-1' })).toThrow(/WHOSAID_READ_CACHE_SECONDS/);
  });

  it('keeps no answers in memory unless WHOSAID_READ_CACHE_SECONDS says for how long', () => {
    expect(readServerConfig({}).WHOSAID_READ_CACHE_SECONDS).toBe(0);
    expect(readServerConfig({ WHOSAID_READ_CACHE_SECONDS: '5' }).WHOSAID_READ_CACHE_SECONDS).toBe(5);
  });

  it("names every setting it cannot use at once, in the order of the README's table", () => {
    expect(() => readServerConfig({ PORT: '99999', WHOSAID_GRAPHIQL: 'yes', NODE_ENV: 'prod' })).toThrow(
      'Invalid configuration:\n' +
        '  PORT: must be a whole number from 0 to 65535\n' +
        '  WHOSAID_GRAPHIQL: must be true or false, not "yes"\n' +
        '  NODE_ENV: must be development, test or production, not "prod"',
    );
  });

  it('reads an empty value as unset, except WHOSAID_CORS_ORIGINS, where empty allows no origin', () => {
    const config = readServerConfig({
      PORT: '',
      DATABASE_URL: '',
      WHOSAID_RATE_LIMIT: '',
      WHOSAID_STATEMENT_TIMEOUT_MS: '',
      WHOSAID_GRAPHIQL: '',
      WHOSAID_CORS_ORIGINS: '',
    });
    expect(config).toMatchObject({
      PORT: 4000,
      DATABASE_URL: undefined,
      WHOSAID_RATE_LIMIT: 600,
      WHOSAID_STATEMENT_TIMEOUT_MS: 10_000,
      WHOSAID_GRAPHIQL: true,
      WHOSAID_CORS_ORIGINS: [],
    });
  });
});

describe("the Node server's settings as the options it is made with", () => {
  it("gives createWhosaid's options under their names, and openDatabase's", () => {
    const config = readServerConfig({
      NODE_ENV: 'production',
      WHOSAID_READS_REQUIRE_KEY: 'true',
      WHOSAID_INTROSPECTION: 'true',
      WHOSAID_CORS_ORIGINS: 'https://app.example',
      WHOSAID_TRUSTED_DOCUMENTS_ONLY: 'true',
      WHOSAID_READ_CACHE_SECONDS: '5',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/whosaid',
      WHOSAID_STATEMENT_TIMEOUT_MS: '2500',
    });
    expect(config.handler).toStrictEqual({
      readsRequireKey: true,
      graphiql: false,
      introspection: true,
      cors: ['https://app.example'],
      trustedDocumentsOnly: true,
      idempotencyLeaseMs: 15_000,
      readCacheSeconds: 5,
      fieldSuggestions: false,
    });
    expect(config.database).toStrictEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/whosaid',
      dataDir: '.data/pglite',
      statementTimeoutMs: 2500,
    });
  });

  it('lets a claimed Idempotency-Key go after six statement timeouts, or six hours where statements have no limit', () => {
    expect(readServerConfig({}).handler.idempotencyLeaseMs).toBe(60_000);
    expect(readServerConfig({ WHOSAID_STATEMENT_TIMEOUT_MS: '2500' }).handler.idempotencyLeaseMs).toBe(15_000);
    expect(readServerConfig({ WHOSAID_STATEMENT_TIMEOUT_MS: '0' }).handler.idempotencyLeaseMs).toBe(21_600_000);
    expect(workerSettings({ WHOSAID_STATEMENT_TIMEOUT_MS: '2500' }).idempotencyLeaseMs).toBe(15_000);
  });

  it('suggests field names ("Did you mean …?") everywhere but in production', () => {
    expect(readServerConfig({}).handler).toMatchObject({ graphiql: true, introspection: true, fieldSuggestions: true });
    expect(readServerConfig({ NODE_ENV: 'test' }).handler.fieldSuggestions).toBe(true);
    expect(readServerConfig({ NODE_ENV: 'production' }).handler.fieldSuggestions).toBe(false);
  });
});

describe("the scripts' settings from their environment", () => {
  it('are those of the database, as the server would open it; the other settings are not theirs to refuse', () => {
    expect(readSettings(databaseSettings, {})).toEqual({
      databaseUrl: undefined,
      dataDir: '.data/pglite',
      statementTimeoutMs: 10_000,
    });
    expect(
      readSettings(databaseSettings, {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/whosaid',
        WHOSAID_STATEMENT_TIMEOUT_MS: '2500',
        WHOSAID_GRAPHIQL: 'yes',
      }),
    ).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/whosaid',
      dataDir: '.data/pglite',
      statementTimeoutMs: 2500,
    });
    expect(() => readSettings(databaseSettings, { DATABASE_URL: 'mysql://127.0.0.1/whosaid' })).toThrow(
      'Invalid configuration:\n  DATABASE_URL: must be a postgres:// URL',
    );
  });

  it('need DATABASE_URL where they work on a Postgres server only (db:migrate, db:seed, dev:worker)', () => {
    expect(() => readSettings(postgresSettings, { WHOSAID_DATA_DIR: '.data/pglite' })).toThrow(
      'Invalid configuration:\n  DATABASE_URL: not set: this command works on a Postgres server, e.g. postgres://postgres@127.0.0.1:5432/whosaid',
    );
    expect(readSettings(postgresSettings, { DATABASE_URL: 'postgresql://neon.example/neondb' }).databaseUrl).toBe(
      'postgresql://neon.example/neondb',
    );
  });
});

describe("the Worker's settings from its vars", () => {
  it('has GraphiQL and introspection on outside production, and off in production unless its vars say so', () => {
    expect(workerSettings({ WHOSAID_ENV: 'staging' })).toEqual({
      readsRequireKey: false,
      graphiql: true,
      introspection: true,
      cors: ['*'],
      trustedDocumentsOnly: false,
      idempotencyLeaseMs: 60_000,
    });
    expect(workerSettings({ WHOSAID_ENV: 'production' })).toEqual({
      readsRequireKey: false,
      graphiql: false,
      introspection: false,
      cors: ['*'],
      trustedDocumentsOnly: false,
      idempotencyLeaseMs: 60_000,
    });
    expect(
      workerSettings({
        WHOSAID_ENV: 'production',
        WHOSAID_INTROSPECTION: 'true',
        WHOSAID_CORS_ORIGINS: 'https://app.example',
      }),
    ).toEqual({
      readsRequireKey: false,
      graphiql: false,
      introspection: true,
      cors: ['https://app.example'],
      trustedDocumentsOnly: false,
      idempotencyLeaseMs: 60_000,
    });
  });

  it('throws on a value it cannot use, naming the var', () => {
    expect(() => workerSettings({ WHOSAID_INTROSPECTION: 'off' })).toThrow(
      'WHOSAID_INTROSPECTION: must be true or false, not "off"',
    );
    expect(() => workerSettings({ WHOSAID_CORS_ORIGINS: 'app.example' })).toThrow(
      'WHOSAID_CORS_ORIGINS: "app.example" is not an origin: scheme://host[:port], without a path or a trailing slash, or *',
    );
  });

  it("refuses a WHOSAID_ENV that is not one of wrangler.toml's environments", () => {
    expect(() => workerSettings({ WHOSAID_ENV: 'prod' })).toThrow(
      'WHOSAID_ENV: must be development, staging or production, not "prod"',
    );
  });

  it("reads only the vars a Worker has: the Node server's own settings are not its to refuse", () => {
    const env = { PORT: 'any', WHOSAID_RATE_LIMIT: 'any', WHOSAID_READ_CACHE_SECONDS: 'any', NODE_ENV: 'any' } as Env;
    expect(workerSettings(env)).toEqual({
      readsRequireKey: false,
      graphiql: true,
      introspection: true,
      cors: ['*'],
      trustedDocumentsOnly: false,
      idempotencyLeaseMs: 60_000,
    });
    expect(workerDatabase({ ...env, DATABASE_URL: 'postgres://neon.example/neondb' })).toEqual({
      databaseUrl: 'postgres://neon.example/neondb',
      statementTimeoutMs: 10_000,
      localProxy: undefined,
    });
  });

  it('opens the database at its DATABASE_URL secret, which must be set and name a Postgres server', () => {
    expect(
      workerDatabase({
        DATABASE_URL: 'postgresql://neon.example/neondb',
        WHOSAID_STATEMENT_TIMEOUT_MS: '2500',
        NEON_WS_PROXY: '127.0.0.1:5433',
      }),
    ).toStrictEqual({
      databaseUrl: 'postgresql://neon.example/neondb',
      statementTimeoutMs: 2500,
      localProxy: '127.0.0.1:5433',
    });
    const unset = 'Invalid configuration:\n  the DATABASE_URL secret is not set (wrangler secret put DATABASE_URL)';
    expect(() => workerDatabase({})).toThrow(unset);
    expect(() => workerDatabase({ DATABASE_URL: '' })).toThrow(unset);
    expect(() => workerDatabase({ DATABASE_URL: 'mysql://neon.example/neondb' })).toThrow(
      'Invalid configuration:\n  DATABASE_URL: must be a postgres:// URL',
    );
    expect(() => workerDatabase({ WHOSAID_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(
      'Invalid configuration:\n' +
        '  the DATABASE_URL secret is not set (wrangler secret put DATABASE_URL)\n' +
        '  WHOSAID_STATEMENT_TIMEOUT_MS: must be a whole number from 0 to 3600000',
    );
  });

  it('connects with WHOSAID_STATEMENT_TIMEOUT_MS, read as the Node server reads it', () => {
    const DATABASE_URL = 'postgres://neon.example/neondb';
    expect(workerDatabase({ DATABASE_URL })).toEqual({
      databaseUrl: DATABASE_URL,
      statementTimeoutMs: 10_000,
      localProxy: undefined,
    });
    expect(workerDatabase({ DATABASE_URL, WHOSAID_STATEMENT_TIMEOUT_MS: '', NEON_WS_PROXY: '' })).toEqual({
      databaseUrl: DATABASE_URL,
      statementTimeoutMs: 10_000,
      localProxy: undefined,
    });
    expect(() => workerDatabase({ DATABASE_URL, WHOSAID_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(
      'WHOSAID_STATEMENT_TIMEOUT_MS: must be a whole number from 0 to 3600000',
    );
  });
});
