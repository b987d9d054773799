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

// As many connections as whosaid's own pool (src/db/postgres.ts).
const WHOSAID_POOL_SIZE = 10;

const PEER_FUNCTIONS = new URL('./peer-functions.sql', import.meta.url);

// Amber orders and filters only by the leading columns of indexes; these tags (here, not comments on whosaid's tables)
// open the orders and filters whosaid's own queries use. An actor's claims page through claim_speakers by the copy of
// each claim's placed dates (claim_speakers_actor_placed_idx, under the actor); a claim's earliest dated report by
// its placed dates (claim_reports_claim_placed_idx, under the claim). The few roles, authors, speakers and
// participants of one row come in their `position` order, as whosaid gives them. retracted_at, next_placed_start and
// a current position's stance are in the predicates or trailing columns of whosaid's partial indexes
// (claims_search_idx, positions_current_proposition_idx), which Amber does not count.
const PeerBehaviorsPlugin = jsonPgSmartTags({
  version: 1,
  config: {
    class: {
      actor_roles: { attribute: { position: { tags: { behavior: '+orderBy' } } } },
      source_authors: { attribute: { position: { tags: { behavior: '+orderBy' } } } },
      event_participants: { attribute: { position: { tags: { behavior: '+orderBy' } } } },
      claim_speakers: {
        attribute: {
          position: { tags: { behavior: '+orderBy' } },
          placed_start: { tags: { behavior: '+orderBy' } },
          placed_end: { tags: { behavior: '+orderBy' } },
        },
      },
      claim_reports: {
        attribute: {
          placed_start: { tags: { behavior: '+orderBy' } },
          placed_end: { tags: { behavior: '+orderBy' } },
          published_start: { tags: { behavior: '+filterBy' } },
        },
      },
      claims: { attribute: { retracted_at: { tags: { behavior: '+filterBy' } } } },
      positions: {
        // A position names its claims without foreign keys (a cascade must not remove rows behind the positions
        // rewrite's back); these give the peer the relations the keys gave it.
        tags: {
          foreignKey: ['(since_claim_id) references claims (id)', '(evidence_claim_id) references claims (id)'],
        },
        attribute: {
          next_placed_start: { tags: { behavior: '+filterBy' } },
          stance: { tags: { behavior: '+filterBy' } },
        },
      },
    },
  },
});

/**
 * PostGraphile v5 over the whosaid database at `databaseUrl`, on an ephemeral loopback port, set up as for
 * production: the schema built once, no GraphiQL, no watch mode, no explain. It reads whosaid's tables as they are,
 * plus the functions of bench/postgraphile/peer-functions.sql (created here, in a schema of their own). `connections`
 * is its pool's size.
 */
export async function startPostGraphile(databaseUrl: string, connections = WHOSAID_POOL_SIZE): Promise<RunningPeer> {
  await installPeerFunctions(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  pool.on('error', () => {});
  const instance = postgraphile({
    extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
    plugins: [PeerBehaviorsPlugin],
    pgServices: [makePgService({ pool, schemas: ['public', 'postgraphile_peer'] })],
    grafserv: { graphiql: false, watch: false, graphqlPath: '/graphql' },
    grafast: { explain: false },
    schema: {
      // The filters the mix uses: attribute comparisons, null checks, and a speaker row's claim (not retracted).
      connectionFilterRelations: true,
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
