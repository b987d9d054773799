import './production-mode.js';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { jsonPgSmartTags } from 'postgraphile/utils';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';

export interface RunningPeer {
  /** Where it takes GraphQL requests (POST). */
  url: string;
  stop(): Promise<void>;
}

const PEER_FUNCTIONS = new URL('./peer-functions.sql', import.meta.url);

// Amber orders and filters only by the leading columns of indexes. A claim's speakers come in their `position`
// order, as whosaid gives them (a sort of a claim's few speakers); retracted_at and next_placed_start are in the
// predicates of whosaid's partial indexes (claims_search_idx, positions_current_*), which Amber does not count.
// Tagged here, not by comments on whosaid's tables.
const PeerBehaviorsPlugin = jsonPgSmartTags({
  version: 1,
  config: {
    class: {
      claim_speakers: { attribute: { position: { tags: { behavior: '+orderBy' } } } },
      claims: { attribute: { retracted_at: { tags: { behavior: '+filterBy' } } } },
      positions: { attribute: { next_placed_start: { tags: { behavior: '+filterBy' } } } },
    },
  },
});

/**
 * PostGraphile v5 over the whosaid database at `databaseUrl`, on an ephemeral loopback port, set up as for
 * production: the schema built once, no GraphiQL, no watch mode, no explain. It reads whosaid's tables as they are,
 * plus the functions of bench/postgraphile/peer-functions.sql (created here, in a schema of their own).
 */
export async function startPostGraphile(databaseUrl: string): Promise<RunningPeer> {
  await installPeerFunctions(databaseUrl);
  // As many connections as whosaid's own pool (src/db/postgres.ts).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  pool.on('error', () => {});
  const instance = postgraphile({
    extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
    plugins: [PeerBehaviorsPlugin],
    pgServices: [makePgService({ pool, schemas: ['public', 'postgraphile_peer'] })],
    grafserv: { graphiql: false, watch: false, graphqlPath: '/graphql' },
    grafast: { explain: false },
    schema: {
      // The filters the mix uses: attribute comparisons and null checks, nothing on relations or computed columns.
      connectionFilterRelations: false,
      connectionFilterComputedColumns: false,
      connectionFilterSetofFunctions: false,
    },
  });
  const serv = instance.createServ(grafserv);
  const server = createServer();
  serv.addTo(server);
  await serv.ready();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await instance.release();
      await pool.end();
    },
  };
}

async function installPeerFunctions(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(await readFile(PEER_FUNCTIONS, 'utf8'));
  } finally {
    await client.end();
  }
}
