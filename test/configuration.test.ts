import { describe, expect, it } from 'vitest';
import { workerSettings } from '../functions/env.js';
import { readServerConfig } from '../src/config/settings.js';

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
});

describe("the Worker's settings from its vars", () => {
  it('has GraphiQL and introspection on outside production, and off in production unless its vars say so', () => {
    expect(workerSettings({ WHOSAID_ENV: 'staging' })).toEqual({
      readsRequireKey: false,
      graphiql: true,
      introspection: true,
      cors: ['*'],
      trustedDocumentsOnly: false,
    });
    expect(workerSettings({ WHOSAID_ENV: 'production' })).toEqual({
      readsRequireKey: false,
      graphiql: false,
      introspection: false,
      cors: ['*'],
      trustedDocumentsOnly: false,
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
});
