import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { ValidationError } from '../src/domain/validation-error.js';
import { addIdentifier } from '../src/domain/writes/identifiers.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { mutationWritingNothingOnFailure, rowCounts } from './support/row-counts.js';

// External identifiers of actors, sources and events: validated and normalised per scheme, unique per kind, written
// by bundles and mutations, audited, and found again by lookups.

const ANALYST = [
  { scheme: 'WIKIDATA', value: 'q123456' },
  { scheme: 'ISNI', value: '0000 0001 2103 2683' },
  { scheme: 'ORCID', value: '0000000218250097' },
  { scheme: 'VIAF', value: '113230702' },
  { scheme: 'WEBSITE', value: 'https://ada.example.org/' },
  { scheme: 'SOCIAL', value: 'https://video.example/ada' },
  { scheme: 'SOCIAL', value: 'https://social.example/@ada' },
];

const bundle = (analystIdentifiers: unknown[] | undefined = ANALYST) => ({
  source: {
    url: 'https://example.org/briefing',
    title: 'A briefing',
    kind: 'PRESS_RELEASE',
    publishedOn: { value: '2017-05-16' },
    identifiers: [{ scheme: 'WIKIDATA', value: 'Q100000001' }],
  },
  actors: [
    {
      slug: 'ada-analyst',
      name: 'Ada Analyst',
      kind: 'PERSON',
      ...(analystIdentifiers ? { identifiers: analystIdentifiers } : {}),
    },
    {
      slug: 'listed-firm',
      name: 'Listed Firm',
      kind: 'ORGANIZATION',
      identifiers: [
        { scheme: 'OPENSANCTIONS', value: 'NK-2rP3Vh6gMLbX7PnmBXr8bB' },
        { scheme: 'ISNI', value: '0000 0001 2146 438x' },
      ],
    },
  ],
  events: [
    {
      slug: 'the-briefing',
      title: 'The briefing',
      occurredOn: { value: '2017-05-16' },
      identifiers: [{ scheme: 'WIKIDATA', value: 'Q200000002' }],
    },
  ],
  claims: [
    {
      key: 'ada-briefing',
      text: 'The numbers are up.',
      mode: 'DIRECT_QUOTE',
      speakers: ['ada-analyst'],
      medium: 'PRESS_STATEMENT',
      events: ['the-briefing'],
    },
  ],
});

const ERRORS = `... on ValidationError { issues { path message } } ... on NotFoundError { message }`;
const IMPORT = `mutation ($input: SourceBundleInput!) { importSource(input: $input) { __typename
  ... on MutationImportSourceSuccess { data { actors { created updated unchanged } sources { created updated unchanged }
    events { created updated unchanged } } } ${ERRORS} } }`;
const ANALYST_IDENTIFIERS = `{ actor(slug: "ada-analyst") { identifiers { scheme value url } sameAs } }`;

describe.each(backends)('identifiers on %s', (backend) => {
  let database: TestDatabase;
  let editor: GraphQLClient;
  let reader: GraphQLClient;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
    editor = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'desk', 'EDITOR')).key });
    reader = graphqlClient(database.db);
  });
  afterEach(() => database.close());

  /** Runs a mutation; one that fails must have changed no table. */
  const mutate = (query: string, variables: Record<string, unknown>) =>
    mutationWritingNothingOnFailure(database.db, editor, query, variables);

  it('imports identifiers normalised, answers them with their pages, and finds an actor by one', async () => {
    expect(await mutate(IMPORT, { input: bundle() })).toEqual({
      __typename: 'MutationImportSourceSuccess',
      data: {
        actors: { created: 2, updated: 0, unchanged: 0 },
        sources: { created: 1, updated: 0, unchanged: 0 },
        events: { created: 1, updated: 0, unchanged: 0 },
      },
    });
    expect(await data(reader, ANALYST_IDENTIFIERS)).toEqual({
      actor: {
        identifiers: [
          { scheme: 'WIKIDATA', value: 'Q123456', url: 'https://www.wikidata.org/wiki/Q123456' },
          { scheme: 'VIAF', value: '113230702', url: 'https://viaf.org/viaf/113230702' },
          { scheme: 'ISNI', value: '0000000121032683', url: 'https://isni.org/isni/0000000121032683' },
          { scheme: 'ORCID', value: '0000-0002-1825-0097', url: 'https://orcid.org/0000-0002-1825-0097' },
          { scheme: 'WEBSITE', value: 'https://ada.example.org/', url: 'https://ada.example.org/' },
          { scheme: 'SOCIAL', value: 'https://social.example/@ada', url: 'https://social.example/@ada' },
          { scheme: 'SOCIAL', value: 'https://video.example/ada', url: 'https://video.example/ada' },
        ],
        sameAs: [
          'https://www.wikidata.org/wiki/Q123456',
          'https://viaf.org/viaf/113230702',
          'https://isni.org/isni/0000000121032683',
          'https://orcid.org/0000-0002-1825-0097',
          'https://ada.example.org/',
          'https://social.example/@ada',
          'https://video.example/ada',
        ],
      },
    });

    const LOOKUPS = `query ($actor: IdentifierInput!, $firm: IdentifierInput!, $source: IdentifierInput!, $event: IdentifierInput!, $nobody: IdentifierInput!) {
      byQid: actor(identifier: $actor) { slug }
      firm: actor(identifier: $firm) { slug sameAs }
      source(identifier: $source) { url sameAs }
      event(identifier: $event) { slug identifiers { scheme value } }
      nobody: actor(identifier: $nobody) { slug } }`;
    expect(
      await data(reader, LOOKUPS, {
        actor: { scheme: 'ORCID', value: '0000-0002-1825-0097' },
        firm: { scheme: 'OPENSANCTIONS', value: 'NK-2rP3Vh6gMLbX7PnmBXr8bB' },
        source: { scheme: 'WIKIDATA', value: 'q100000001' },
        event: { scheme: 'WIKIDATA', value: 'Q200000002' },
        nobody: { scheme: 'WIKIDATA', value: 'Q76' },
      }),
    ).toEqual({
      byQid: { slug: 'ada-analyst' },
      firm: {
        slug: 'listed-firm',
        sameAs: [
          'https://isni.org/isni/000000012146438X',
          'https://www.opensanctions.org/entities/NK-2rP3Vh6gMLbX7PnmBXr8bB/',
        ],
      },
      source: { url: 'https://example.org/briefing', sameAs: ['https://www.wikidata.org/wiki/Q100000001'] },
      event: { slug: 'the-briefing', identifiers: [{ scheme: 'WIKIDATA', value: 'Q200000002' }] },
      nobody: null,
    });
  });

  it('refuses a malformed identifier in a lookup, and a lookup by slug and identifier at once', async () => {
    const malformed = await reader(`{ actor(identifier: { scheme: WIKIDATA, value: "Q12a" }) { slug } }`);
    expect(malformed.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
      ['identifier.value: "Q12a" is not a Wikidata id (Q and digits, such as Q22686)', 'BAD_USER_INPUT'],
    ]);
    const both = await reader(`{ event(slug: "x", identifier: { scheme: WIKIDATA, value: "Q1" }) { slug } }`);
    expect(both.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
      ['Give slug or identifier, one of them', 'BAD_USER_INPUT'],
    ]);
  });

  it('keeps identifiers a bundle leaves out, replaces those it lists, and audits each change', async () => {
    await mutate(IMPORT, { input: bundle() });
    expect(await mutate(IMPORT, { input: bundle() })).toMatchObject({
      data: { actors: { created: 0, updated: 0, unchanged: 2 }, events: { created: 0, updated: 0, unchanged: 1 } },
    });
    expect(await mutate(IMPORT, { input: bundle(undefined) })).toMatchObject({
      data: { actors: { created: 0, updated: 0, unchanged: 2 } },
    });
    expect((await data<{ actor: { sameAs: string[] } }>(reader, ANALYST_IDENTIFIERS)).actor.sameAs).toHaveLength(7);

    const before = await rowCounts(database.db);
    expect(
      await mutate(IMPORT, {
        input: bundle([
          { scheme: 'WIKIDATA', value: 'Q123456' },
          { scheme: 'WEBSITE', value: 'https://ada.example.org/' },
        ]),
      }),
    ).toMatchObject({ data: { actors: { created: 0, updated: 1, unchanged: 1 } } });
    // The analyst's identifiers are rewritten: seven rows out, two back in, each a revision of the analyst.
    expect(await rowCounts(database.db)).toEqual({
      ...before,
      actor_identifiers: before.actor_identifiers - 5,
      revisions: before.revisions + 9,
    });
    const { actor } = await data<{
      actor: { identifiers: unknown[]; revisions: { table: string; action: string; after: unknown }[] };
    }>(editor, `{ actor(slug: "ada-analyst") { identifiers { scheme value } revisions { table action after } } }`);
    expect(actor.identifiers).toEqual([
      { scheme: 'WIKIDATA', value: 'Q123456' },
      { scheme: 'WEBSITE', value: 'https://ada.example.org/' },
    ]);
    expect(actor.revisions.filter((revision) => revision.table === 'actor_identifiers').slice(-9)).toEqual([
      ...Array(7).fill(expect.objectContaining({ table: 'actor_identifiers', action: 'DELETE', after: null })),
      expect.objectContaining({ action: 'INSERT', after: { actor_id: 1, scheme: 'WIKIDATA', value: 'Q123456' } }),
      expect.objectContaining({
        action: 'INSERT',
        after: { actor_id: 1, scheme: 'WEBSITE', value: 'https://ada.example.org/' },
      }),
    ]);
  });

  it('refuses a bundle with a malformed, repeated or taken identifier, naming it and writing nothing', async () => {
    const refusal = async (input: unknown) => {
      const answer = await mutate(IMPORT, { input });
      expect(answer.__typename).toBe('ValidationError');
      return answer.issues;
    };
    const analystWith = (identifiers: unknown[]) => bundle(identifiers);

    expect(
      await refusal(
        analystWith([
          { scheme: 'WIKIDATA', value: 'Q1' },
          { scheme: 'WIKIDATA', value: 'Q12a' },
        ]),
      ),
    ).toEqual([
      {
        path: 'actors[0].identifiers[1].value',
        message: '"Q12a" is not a Wikidata id (Q and digits, such as Q22686)',
      },
    ]);
    expect(await refusal(analystWith([{ scheme: 'ISNI', value: '0000 0001 2103 2684' }]))).toEqual([
      {
        path: 'actors[0].identifiers[0].value',
        message:
          '"0000 0001 2103 2684" is not an ISNI (16 characters, digits with a check character that may be X, such as 0000 0001 2103 2683)',
      },
    ]);
    expect(await refusal(analystWith([{ scheme: 'ORCID', value: '0000-0002-1825-0098' }]))).toMatchObject([
      {
        path: 'actors[0].identifiers[0].value',
        message: expect.stringMatching(/^"0000-0002-1825-0098" is not an ORCID iD/),
      },
    ]);
    expect(await refusal(analystWith([{ scheme: 'WEBSITE', value: 'ftp://ada.example.org/' }]))).toEqual([
      { path: 'actors[0].identifiers[0].value', message: '"ftp://ada.example.org/" is not an http(s) URL' },
    ]);
    expect(
      await refusal(
        analystWith([
          { scheme: 'WIKIDATA', value: 'Q123456' },
          { scheme: 'WIKIDATA', value: 'q123456' },
        ]),
      ),
    ).toEqual([{ path: 'actors[0].identifiers[1].value', message: '"Q123456" is listed twice' }]);
    expect(
      await refusal(
        analystWith([
          { scheme: 'WIKIDATA', value: 'Q123456' },
          { scheme: 'WIKIDATA', value: 'Q654321' },
        ]),
      ),
    ).toEqual([
      {
        path: 'actors[0].identifiers[1].scheme',
        message: 'a second WIKIDATA id ("Q654321" beside "Q123456"): an entity has at most one',
      },
    ]);
    expect(await refusal(analystWith([{ scheme: 'OPENSANCTIONS', value: 'NK-2rP3Vh6gMLbX7PnmBXr8bB' }]))).toEqual([
      {
        path: 'actors[1].identifiers[0].value',
        message: '"NK-2rP3Vh6gMLbX7PnmBXr8bB" is given to ada-analyst too',
      },
    ]);

    await seedDatabase(database.db);
    expect(await refusal(analystWith([{ scheme: 'WIKIDATA', value: 'q22686' }]))).toEqual([
      { path: 'actors[0].identifiers[0].value', message: '"Q22686" already identifies donald-trump' },
    ]);
  });

  it('creates actors and events with identifiers, and adds and removes them one by one', async () => {
    await seedDatabase(database.db);
    const CREATE = `mutation ($input: ActorInput!) { createActor(input: $input) { __typename
      ... on MutationCreateActorSuccess { data { slug sameAs } } ${ERRORS} } }`;
    expect(
      await mutate(CREATE, {
        input: {
          slug: 'barack-obama',
          name: 'Barack Obama',
          kind: 'PERSON',
          identifiers: [{ scheme: 'WIKIDATA', value: 'Q76' }],
        },
      }),
    ).toEqual({
      __typename: 'MutationCreateActorSuccess',
      data: { slug: 'barack-obama', sameAs: ['https://www.wikidata.org/wiki/Q76'] },
    });
    expect(
      await mutate(CREATE, {
        input: {
          slug: 'someone',
          name: 'Someone',
          kind: 'PERSON',
          identifiers: [{ scheme: 'WIKIDATA', value: 'Q7747' }],
        },
      }),
    ).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'input.identifiers[0].value', message: '"Q7747" already identifies vladimir-putin' }],
    });
    const RECORD = `mutation ($input: EventInput!) { recordEvent(input: $input) { __typename
      ... on MutationRecordEventSuccess { data { slug identifiers { scheme value url } } } ${ERRORS} } }`;
    expect(
      await mutate(RECORD, {
        input: {
          slug: 'a-summit',
          title: 'A summit',
          identifiers: [{ scheme: 'WEBSITE', value: 'https://summit.example.org/2017' }],
        },
      }),
    ).toEqual({
      __typename: 'MutationRecordEventSuccess',
      data: {
        slug: 'a-summit',
        identifiers: [
          {
            scheme: 'WEBSITE',
            value: 'https://summit.example.org/2017',
            url: 'https://summit.example.org/2017',
          },
        ],
      },
    });

    const ADD = `mutation ($actor: String!, $identifier: IdentifierInput!) { addActorIdentifier(actor: $actor, identifier: $identifier) {
      __typename ... on MutationAddActorIdentifierSuccess { data { slug identifiers { scheme value } } } ${ERRORS} } }`;
    const REMOVE = `mutation ($actor: String!, $identifier: IdentifierInput!) { removeActorIdentifier(actor: $actor, identifier: $identifier) {
      __typename ... on MutationRemoveActorIdentifierSuccess { data { slug identifiers { scheme value } } } ${ERRORS} } }`;
    const before = await rowCounts(database.db);
    expect(
      await mutate(ADD, {
        actor: 'barack-obama',
        identifier: { scheme: 'SOCIAL', value: 'https://x.com/BarackObama' },
      }),
    ).toEqual({
      __typename: 'MutationAddActorIdentifierSuccess',
      data: {
        slug: 'barack-obama',
        identifiers: [
          { scheme: 'WIKIDATA', value: 'Q76' },
          { scheme: 'SOCIAL', value: 'https://x.com/BarackObama' },
        ],
      },
    });
    expect(await rowCounts(database.db)).toEqual({
      ...before,
      actor_identifiers: before.actor_identifiers + 1,
      revisions: before.revisions + 1,
    });
    // Adding an identifier the actor has already writes nothing, not even a revision.
    await mutate(ADD, { actor: 'barack-obama', identifier: { scheme: 'WIKIDATA', value: 'q76' } });
    expect(await rowCounts(database.db)).toEqual({
      ...before,
      actor_identifiers: before.actor_identifiers + 1,
      revisions: before.revisions + 1,
    });

    expect(await mutate(ADD, { actor: 'barack-obama', identifier: { scheme: 'WIKIDATA', value: 'Q22686' } })).toEqual({
      __typename: 'ValidationError',
      issues: [
        { path: 'identifier.scheme', message: 'barack-obama has the WIKIDATA id "Q76" already: remove it first' },
      ],
    });
    expect(await mutate(ADD, { actor: 'sergei-lavrov', identifier: { scheme: 'WIKIDATA', value: 'Q22686' } })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'identifier.value', message: '"Q22686" already identifies donald-trump' }],
    });
    expect(await mutate(ADD, { actor: 'sergei-lavrov', identifier: { scheme: 'VIAF', value: 'V123' } })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'identifier.value', message: '"V123" is not a VIAF id (digits, such as 113230702)' }],
    });
    expect(await mutate(ADD, { actor: 'nobody', identifier: { scheme: 'VIAF', value: '123' } })).toEqual({
      __typename: 'NotFoundError',
      message: 'No actor has the slug "nobody"',
    });

    expect(await mutate(REMOVE, { actor: 'barack-obama', identifier: { scheme: 'WIKIDATA', value: 'Q76' } })).toEqual({
      __typename: 'MutationRemoveActorIdentifierSuccess',
      data: { slug: 'barack-obama', identifiers: [{ scheme: 'SOCIAL', value: 'https://x.com/BarackObama' }] },
    });
    expect(await mutate(REMOVE, { actor: 'barack-obama', identifier: { scheme: 'WIKIDATA', value: 'Q76' } })).toEqual({
      __typename: 'NotFoundError',
      message: 'barack-obama has no WIKIDATA id "Q76"',
    });

    const SOURCE = `mutation ($source: String!, $identifier: IdentifierInput!) { addSourceIdentifier(source: $source, identifier: $identifier) {
      __typename ... on MutationAddSourceIdentifierSuccess { data { url sameAs } } ${ERRORS} } }`;
    const voxUrl = 'https://www.vox.com/world/2017/5/16/15646202/trump-russia-isis-syria-assad';
    expect(
      await mutate(SOURCE, { source: voxUrl, identifier: { scheme: 'WEBSITE', value: 'https://www.vox.com/' } }),
    ).toEqual({
      __typename: 'MutationAddSourceIdentifierSuccess',
      data: { url: voxUrl, sameAs: ['https://www.vox.com/'] },
    });
    const EVENT = `mutation ($event: String!, $identifier: IdentifierInput!) { removeEventIdentifier(event: $event, identifier: $identifier) {
      __typename ... on MutationRemoveEventIdentifierSuccess { data { slug sameAs } } ${ERRORS} } }`;
    expect(
      await mutate(EVENT, {
        event: 'a-summit',
        identifier: { scheme: 'WEBSITE', value: 'https://summit.example.org/2017' },
      }),
    ).toEqual({ __typename: 'MutationRemoveEventIdentifierSuccess', data: { slug: 'a-summit', sameAs: [] } });

    const { changes } = await data<{
      changes: { edges: { node: { entityType: string; table: string; action: string; changedBy: string } }[] };
    }>(editor, `{ changes(last: 30) { edges { node { entityType table action changedBy } } } }`);
    const identifierChanges = changes.edges
      .map(({ node }) => node)
      .filter((change) => change.table.endsWith('_identifiers') && change.changedBy === 'desk');
    expect(identifierChanges).toEqual([
      { entityType: 'Actor', table: 'actor_identifiers', action: 'INSERT', changedBy: 'desk' },
      { entityType: 'Event', table: 'event_identifiers', action: 'INSERT', changedBy: 'desk' },
      { entityType: 'Actor', table: 'actor_identifiers', action: 'INSERT', changedBy: 'desk' },
      { entityType: 'Actor', table: 'actor_identifiers', action: 'DELETE', changedBy: 'desk' },
      { entityType: 'Source', table: 'source_identifiers', action: 'INSERT', changedBy: 'desk' },
      { entityType: 'Event', table: 'event_identifiers', action: 'DELETE', changedBy: 'desk' },
    ]);
  });

  it("gives the seed's people and organisations their Wikidata ids", async () => {
    await seedDatabase(database.db);
    const { actors } = await data<{ actors: { edges: { node: { slug: string; sameAs: string[] } }[] } }>(
      reader,
      `{ actors(first: 100) { edges { node { slug sameAs } } } }`,
    );
    expect(
      Object.fromEntries(
        actors.edges.filter(({ node }) => node.sameAs.length > 0).map(({ node }) => [node.slug, node.sameAs]),
      ),
    ).toEqual({
      'donald-trump': ['https://www.wikidata.org/wiki/Q22686'],
      isis: ['https://www.wikidata.org/wiki/Q2429253'],
      'joe-biden': ['https://www.wikidata.org/wiki/Q6279'],
      'john-mccain': ['https://www.wikidata.org/wiki/Q10390'],
      'new-york-times': ['https://www.wikidata.org/wiki/Q9684'],
      'united-states-senate': ['https://www.wikidata.org/wiki/Q66096'],
      'us-department-of-defense': ['https://www.wikidata.org/wiki/Q11209'],
      'vladimir-putin': ['https://www.wikidata.org/wiki/Q7747'],
    });
  });
});

describe.runIf(backends.includes('postgres'))('an identifier two writes take at the same moment (postgres)', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase('postgres');
  });
  afterEach(() => database.close());

  it('goes to the write that commits first; the other is told who holds it and writes nothing', async () => {
    await importSourceBundle(database.db, bundle([]));
    const firm = await database.db.query.actors.findFirst({ where: { slug: 'listed-firm' }, columns: { id: true } });
    const analyst = await database.db.query.actors.findFirst({
      where: { slug: 'ada-analyst' },
      columns: { id: true },
    });

    // Another session has given the QID to the firm and not committed yet, so the analyst's write finds it free,
    // then waits on the key until that session commits.
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    await other.query('BEGIN');
    await other.query(`INSERT INTO actor_identifiers (actor_id, scheme, value) VALUES ($1, 'WIKIDATA', 'Q5')`, [
      firm!.id,
    ]);
    const before = await rowCounts(database.db);
    const taking = addIdentifier(database.db, 'actor', analyst!.id, { scheme: 'WIKIDATA', value: 'Q5' }, 'desk').then(
      () => 'written',
      (error: unknown) => error,
    );
    await waitingForLock(database.url!);
    await other.query('COMMIT');
    await other.end();

    expect(await taking).toEqual(
      new ValidationError([{ path: 'identifier.value', message: '"Q5" already identifies listed-firm' }]),
    );
    expect(await rowCounts(database.db)).toEqual({
      ...before,
      actor_identifiers: before.actor_identifiers + 1,
      revisions: before.revisions + 1,
    });
  });
});

/** Resolves once another session of the database is waiting for a lock. */
async function waitingForLock(url: string): Promise<void> {
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  try {
    for (;;) {
      const { rows } = await watcher.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (rows[0].n >= 1) return;
      await sleep(5);
    }
  } finally {
    await watcher.end();
  }
}
