import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAddress, startNeonBridge } from '../src/dev/neon-ws-bridge.js';
import { startNodeServer } from './support/node-server.js';
import { startPostgresServer } from './support/postgres-server.js';
import { startWorker } from './support/worker.js';

// The GraphQL over HTTP spec, checked by graphql-http's own audits against the real servers. Every MUST audit is a
// test of its own, named as the audit is; SHOULD and MAY audits are recommendations: their outcomes are printed.
const PLATFORMS = {
  'the Node server': async () => {
    const server = await startNodeServer();
    return { url: server.url, close: async () => server.close() };
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
    const recommended = audits.filter((audit) => !audit.name.startsWith('MUST'));
    const results = await Promise.all(recommended.map((audit) => audit.fn()));
    const unmet = results.flatMap((result) => (result.status === 'ok' ? [] : [`  ${result.status} ${result.id} ${result.name}: ${result.reason}`]));
    console.log(`${platform}: ${results.length - unmet.length} of ${results.length} SHOULD and MAY audits pass\n${unmet.join('\n')}`);
  });
});
