import { type SQL, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { derivedPositions } from '../src/db/positions.js';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { rowCounts } from './support/row-counts.js';

// Trump's two claims on one proposition, as a May article reports them: in January he called Russia an ally (words
// the Daily Ledger printed first, on February 6), on February 1 he said it was none. The January date turns out to
// be the article's guess, and an editor moves or clears it.
const ARTICLE = {
  source: {
    url: 'https://www.vox.com/2017/5/16/trump-russia-isis',
    title: 'Experts to Trump: Russia is not our ally',
    kind: 'ARTICLE',
    publishedOn: { value: '2017-05-16' },
  },
  actors: [{ slug: 'donald-trump', name: 'Donald Trump', kind: 'PERSON' }],
  propositions: [{ slug: 'russia-is-an-ally-against-isis', statement: 'Russia is an ally against ISIS' }],
  claims: [
    {
      key: 'trump-great-ally',
      text: 'Russia could be a great ally against ISIS.',
      mode: 'DIRECT_QUOTE',
      speakers: ['donald-trump'],
      medium: 'INTERVIEW',
      saidOn: { value: '2017-01', text: 'in January' },
      firstAppearedIn: {
        url: 'https://daily-ledger.example.org/2017/02/06/trump-russia',
        title: 'Trump on Russia',
        kind: 'ARTICLE',
        publishedOn: { value: '2017-02-06' },
      },
      stances: [{ proposition: 'russia-is-an-ally-against-isis', stance: 'SUPPORTS' }],
    },
    {
      key: 'trump-no-ally',
      text: 'Russia is no ally of ours.',
      mode: 'DIRECT_QUOTE',
      speakers: ['donald-trump'],
      medium: 'SPEECH',
      saidOn: { value: '2017-02-01' },
      stances: [{ proposition: 'russia-is-an-ally-against-isis', stance: 'OPPOSES' }],
    },
  ],
};

const UPDATE = `mutation ($id: ID!, $version: Int!, $changes: ClaimChanges!) {
  updateClaim(id: $id, expectedVersion: $version, changes: $changes) { __typename
    ... on MutationUpdateClaimSuccess { data { saidOn { value text } context version } }
    ... on ValidationError { issues { path message } } ... on ConflictError { message currentVersion } } }`;
const POSITIONS = `{ actor(slug: "donald-trump") { positions { stance since { value } evidence { key } } } }`;

const rows = async <Row>(db: Database, query: SQL) => ((await db.execute(query)) as unknown as { rows: Row[] }).rows;

const POSITION_COLUMNS = sql.raw(`actor_id, proposition_id, evidence_claim_id, stance, since_claim_id,
  previous_stance, changed, previous_claim_id, placed_start::text, placed_end::text, next_placed_start::text,
  since_placed_start::text`);

describe.each(backends)("updateClaim of a claim's saidOn, on %s", (backend) => {
  let database: TestDatabase;
  let editor: GraphQLClient;
  let greatAlly: string;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
    await importSourceBundle(database.db, ARTICLE, { changedBy: 'archive' });
    editor = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'desk', 'EDITOR')).key });
    const { claims } = await data<{ claims: { edges: { node: { id: string; key: string } }[] } }>(
      editor,
      '{ claims(first: 2) { edges { node { id key } } } }',
    );
    greatAlly = claims.edges.find((edge) => edge.node.key === 'trump-great-ally')!.node.id;
  });
  afterEach(() => database.close());

  const placed = async () =>
    rows<{ placed_start: string; placed_end: string }>(
      database.db,
      sql`SELECT placed_start::text, placed_end::text FROM claims WHERE key = 'trump-great-ally'`,
    );
  const revisionsOfGreatAlly = () =>
    rows<{ action: string; changed_by: string; said_before: string | null; said_after: string | null }>(
      database.db,
      sql`SELECT r.action, r.changed_by, r.before ->> 'said_start' AS said_before, r.after ->> 'said_start' AS said_after
        FROM revisions r JOIN claims c ON c.id = r.entity_id
        WHERE r.entity_type = 'Claim' AND r.table_name = 'claims' AND c.key = 'trump-great-ally' ORDER BY r.id`,
    );

  it('cleared, places the claim at its earliest report, and positions follow', async () => {
    expect(await placed()).toEqual([{ placed_start: '2017-01-01', placed_end: '2017-01-31' }]);
    expect(await data(editor, POSITIONS)).toEqual({
      actor: { positions: [{ stance: 'OPPOSES', since: { value: '2017-02-01' }, evidence: { key: 'trump-no-ally' } }] },
    });
    const before = await rowCounts(database.db);

    expect(await data(editor, UPDATE, { id: greatAlly, version: 1, changes: { saidOn: null } })).toEqual({
      updateClaim: { __typename: 'MutationUpdateClaimSuccess', data: { saidOn: null, context: null, version: 2 } },
    });

    // The Daily Ledger's report of February 6, not the article's of May 16.
    expect(await placed()).toEqual([{ placed_start: '2017-02-06', placed_end: '2017-02-06' }]);
    expect(await data(editor, POSITIONS)).toEqual({
      actor: {
        positions: [{ stance: 'SUPPORTS', since: { value: '2017-02-06' }, evidence: { key: 'trump-great-ally' } }],
      },
    });
    expect(await rows(database.db, sql`SELECT ${POSITION_COLUMNS} FROM positions ORDER BY 1, 2, 3`)).toEqual(
      await rows(database.db, sql`SELECT ${POSITION_COLUMNS} FROM (${derivedPositions()}) AS d ORDER BY 1, 2, 3`),
    );
    expect(await revisionsOfGreatAlly()).toEqual([
      { action: 'INSERT', changed_by: 'archive', said_before: null, said_after: '2017-01-01' },
      { action: 'UPDATE', changed_by: 'desk', said_before: '2017-01-01', said_after: null },
    ]);
    expect(await rowCounts(database.db)).toEqual({ ...before, revisions: before.revisions + 1 });
  });

  it('moved, writes one revision: its speakers follow it without one of their own', async () => {
    const before = await rowCounts(database.db);
    expect(
      await data(editor, UPDATE, { id: greatAlly, version: 1, changes: { saidOn: { value: '2017-02-03' } } }),
    ).toEqual({
      updateClaim: {
        __typename: 'MutationUpdateClaimSuccess',
        data: { saidOn: { value: '2017-02-03', text: null }, context: null, version: 2 },
      },
    });
    expect(await placed()).toEqual([{ placed_start: '2017-02-03', placed_end: '2017-02-03' }]);
    expect(await revisionsOfGreatAlly()).toEqual([
      { action: 'INSERT', changed_by: 'archive', said_before: null, said_after: '2017-01-01' },
      { action: 'UPDATE', changed_by: 'desk', said_before: '2017-01-01', said_after: '2017-02-03' },
    ]);
    expect(await rowCounts(database.db)).toEqual({ ...before, revisions: before.revisions + 1 });
  });

  it('leaves saidOn as it is where the changes leave it out', async () => {
    expect(
      await data(editor, UPDATE, { id: greatAlly, version: 1, changes: { context: 'Asked about Syria' } }),
    ).toEqual({
      updateClaim: {
        __typename: 'MutationUpdateClaimSuccess',
        data: { saidOn: { value: '2017-01', text: 'in January' }, context: 'Asked about Syria', version: 2 },
      },
    });
    expect(await placed()).toEqual([{ placed_start: '2017-01-01', placed_end: '2017-01-31' }]);
  });

  it('refuses to clear it at a stale version, and writes nothing', async () => {
    await data(editor, UPDATE, { id: greatAlly, version: 1, changes: { context: 'Asked about Syria' } });
    const before = await rowCounts(database.db);
    expect(await data(editor, UPDATE, { id: greatAlly, version: 1, changes: { saidOn: null } })).toEqual({
      updateClaim: {
        __typename: 'ConflictError',
        message: 'The claim is at version 2, not 1: fetch it again and reapply the change',
        currentVersion: 2,
      },
    });
    expect(await rowCounts(database.db)).toEqual(before);
    expect(await placed()).toEqual([{ placed_start: '2017-01-01', placed_end: '2017-01-31' }]);
  });
});
