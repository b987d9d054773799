import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAddress, startNeonBridge } from '../src/dev/neon-ws-bridge.js';
import { startNodeServer } from './support/node-server.js';
import { startPostgresServer } from './support/postgres-server.js';
import { startWorker } from './support/worker.js';

// The GraphQL over HTTP spec, checked by graphql-http's own audits against the real servers. Every MUST audit is a
// test of its own, named as the audit is, and passes as a browser would send it, without the CSRF header. SHOULD and
// MAY audits are recommendations: their outcomes are printed, and those that fail bare are tried again with the
// header, as a client that is not a browser would send them (GETs without it are refused by design).
const withCsrfHeader = (input: string, init: RequestInit = {}) =>
  fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-graphql-yoga-csrf': '1' } });
const PLATFORMS = {
  'the Node server': async () => {
    const server = await startNodeServer();
    return { url: server.url, close: () => server.stop() };
  },
  'the Worker in workerd': async () => {
    const postgres = await startPostgresServer('pglite');
    const bridge = await startNeonBridge({ database: databaseAddress(postgres.url) });
    const worker = await startWorker({ DATABASE_URL: postgres.url, NEON_WS_PROXY: bridge.address });
    return {
      url: worker.url,
      async close() {
        await worker.close();
        await bridge.close();
        await postgres.close();
      },
    };
  },
};

describe.each(Object.entries(PLATFORMS))('GraphQL over HTTP conformance of %s', (platform, start) => {
  let server: Awaited<ReturnType<typeof start>> | undefined;
  const audits = serverAudits({ url: () => server!.url });
  const auditsWithCsrfHeader = serverAudits({ url: () => server!.url, fetchFn: withCsrfHeader });
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server?.close());

  it.each(audits.filter((audit) => audit.name.startsWith('MUST')).map((audit) => [audit.name, audit] as const))(
    '%s',
    async (_name, audit) => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    },
  );

  it('reports how it meets the SHOULD and MAY audits', async () => {
    const outcomes = await Promise.all(
      audits
        .filter((audit) => !audit.name.startsWith('MUST'))
        .map(async (audit) => {
          const bare = await audit.fn();
          if (bare.status === 'ok') return null;
          const withHeader = await auditsWithCsrfHeader.find((again) => again.id === audit.id)!.fn();
          const retried =
            withHeader.status === 'ok'
              ? 'ok with X-GraphQL-Yoga-CSRF'
              : `${withHeader.status} with X-GraphQL-Yoga-CSRF too`;
          return `  ${bare.status} ${bare.id} ${bare.name}: ${bare.reason}; ${retried}`;
        }),
    );
    const unmet = outcomes.filter((outcome) => outcome !== null);
    console.log(
      `${platform}: ${outcomes.length - unmet.length} of ${outcomes.length} SHOULD and MAY audits pass\n${unmet.join('\n')}`,
    );
  });
});
