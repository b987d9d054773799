import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { mutationWritingNothingOnFailure, rowCounts } from './support/row-counts.js';
import { SEED_BUNDLE, VOX_URL } from './support/seed-article.js';

// Each mutation is one transaction; a failure is a typed result and writes nothing.
describe.each(backends)('mutations on %s', (backend) => {
  let database: TestDatabase;
  let editor: GraphQLClient;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
    await seedDatabase(database.db);
    editor = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'desk', 'EDITOR')).key });
  });
  afterEach(() => database.close());

  /** Runs a mutation; one that fails must have changed no table. */
  const mutate = (query: string, variables: Record<string, unknown>) =>
    mutationWritingNothingOnFailure(database.db, editor, query, variables);

  const ERRORS = `... on ValidationError { issues { path message } } ... on ConflictError { message currentVersion } ... on NotFoundError { message }`;

  it('creates an actor with roles, and refuses a taken slug', async () => {
    const CREATE = `mutation ($input: ActorInput!) { createActor(input: $input) { __typename
      ... on MutationCreateActorSuccess { data { slug name version roles { title organization { slug } start { value } current } } } ${ERRORS} } }`;
    const input = {
      slug: 'sean-spicer',
      name: 'Sean Spicer',
      kind: 'PERSON',
      roles: [
        { title: 'White House press secretary', organization: 'united-states-government', start: { value: '2017-01' } },
      ],
    };
    expect(await mutate(CREATE, { input })).toEqual({
      __typename: 'MutationCreateActorSuccess',
      data: {
        slug: 'sean-spicer',
        name: 'Sean Spicer',
        version: 1,
        roles: [
          {
            title: 'White House press secretary',
            organization: { slug: 'united-states-government' },
            start: { value: '2017-01' },
            current: true,
          },
        ],
      },
    });
    expect(await mutate(CREATE, { input: { ...input, name: 'Someone else' } })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'input.slug', message: 'an actor "sean-spicer" already exists' }],
    });
    expect(
      await mutate(CREATE, {
        input: { ...input, slug: 'new-person', roles: [{ title: 'aide', organization: 'nowhere' }] },
      }),
    ).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'input.roles[0].organization', message: 'unknown actor "nowhere"' }],
    });
  });

  it('updates an actor at the version it saw, and reports a conflict otherwise', async () => {
    const UPDATE = `mutation ($version: Int!, $changes: ActorChanges!) {
      updateActor(slug: "ben-cardin", expectedVersion: $version, changes: $changes) { __typename
        ... on MutationUpdateActorSuccess { data { name description version revisions { action changedBy } } } ${ERRORS} } }`;
    expect(await mutate(UPDATE, { version: 1, changes: { description: 'Senator from Maryland, 2007–2025' } })).toEqual({
      __typename: 'MutationUpdateActorSuccess',
      data: {
        name: 'Ben Cardin',
        description: 'Senator from Maryland, 2007–2025',
        version: 2,
        revisions: [
          { action: 'INSERT', changedBy: 'seed' },
          { action: 'INSERT', changedBy: 'seed' },
          { action: 'INSERT', changedBy: 'seed' },
          { action: 'UPDATE', changedBy: 'desk' },
        ],
      },
    });
    expect(await mutate(UPDATE, { version: 1, changes: { name: 'Benjamin Cardin' } })).toEqual({
      __typename: 'ConflictError',
      message: 'The actor is at version 2, not 1: fetch it again and reapply the change',
      currentVersion: 2,
    });
    expect(await mutate(UPDATE, { version: 2, changes: { kind: 'PERSON', name: ' ' } })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'changes.name', message: 'must not be empty' }],
    });
  });

  it('adds a role and a proposition', async () => {
    expect(
      await mutate(
        `mutation { addRole(actor: "sean-bartlett", role: { title: "spokesperson", organization: "ben-cardin", former: true }) {
          __typename ... on MutationAddRoleSuccess { data { roles { title current } } } ${ERRORS} } }`,
        {},
      ),
    ).toEqual({
      __typename: 'MutationAddRoleSuccess',
      data: {
        roles: [
          { title: 'spokesperson for Sen. Ben Cardin', current: true },
          { title: 'spokesperson', current: false },
        ],
      },
    });
    expect(
      await mutate(
        `mutation { createProposition(input: { slug: "russia-hits-hospitals", statement: "Russia has bombed hospitals in Syria" }) {
          __typename ... on MutationCreatePropositionSuccess { data { slug version } } ${ERRORS} } }`,
        {},
      ),
    ).toEqual({ __typename: 'MutationCreatePropositionSuccess', data: { slug: 'russia-hits-hospitals', version: 1 } });
    expect(
      await mutate(`mutation { addRole(actor: "nobody", role: { title: "x" }) { __typename ${ERRORS} } }`, {}),
    ).toEqual({ __typename: 'NotFoundError', message: 'No actor has the slug "nobody"' });
  });

  it('records and updates an event, refusing unknown participants and a reversed span', async () => {
    const RECORD = `mutation ($input: EventInput!) { recordEvent(input: $input) { __typename
      ... on MutationRecordEventSuccess { data { slug occurredOn { value } participants { actor { slug } } version } } ${ERRORS} } }`;
    const input = {
      slug: 'oval-office-meeting-2017-05-10',
      title: 'Trump meets Lavrov and Kislyak in the Oval Office',
      kind: 'meeting',
      occurredOn: { value: '2017-05-10' },
      participants: [{ actor: 'donald-trump' }, { actor: 'sergei-lavrov' }],
    };
    expect(await mutate(RECORD, { input })).toEqual({
      __typename: 'MutationRecordEventSuccess',
      data: {
        slug: 'oval-office-meeting-2017-05-10',
        occurredOn: { value: '2017-05-10' },
        participants: [{ actor: { slug: 'donald-trump' } }, { actor: { slug: 'sergei-lavrov' } }],
        version: 1,
      },
    });
    expect(await mutate(RECORD, { input: { ...input, slug: 'another', participants: [{ actor: 'ghost' }] } })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'input.participants[0].actor', message: 'unknown actor "ghost"' }],
    });
    const UPDATE = `mutation ($changes: EventChanges!) { updateEvent(slug: "oval-office-meeting-2017-05-10", expectedVersion: 1, changes: $changes) {
      __typename ... on MutationUpdateEventSuccess { data { endedOn { value } version } } ${ERRORS} } }`;
    expect(await mutate(UPDATE, { changes: { endedOn: { value: '2017-05-09' } } })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'changes.endedOn', message: 'is before occurredOn' }],
    });
    expect(
      await mutate(UPDATE, { changes: { location: 'the Oval Office', occurredOn: { value: '2017-06-31' } } }),
    ).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'changes.occurredOn.value', message: '"2017-06-31" has no day 31: that month has 30 days' }],
    });
  });

  it('refuses an end without a start, however an update would leave one, and writes nothing', async () => {
    const UPDATE = `mutation ($slug: String!, $version: Int!, $changes: EventChanges!) {
      updateEvent(slug: $slug, expectedVersion: $version, changes: $changes) { __typename
        ... on MutationUpdateEventSuccess { data { occurredOn { value } endedOn { value } version } } ${ERRORS} } }`;
    const endNeedsStart = {
      __typename: 'ValidationError',
      issues: [{ path: 'changes.endedOn', message: 'an event with an end needs an occurredOn' }],
    };
    const EVENT = `query ($slug: String!) { event(slug: $slug) { occurredOn { value } endedOn { value } version } }`;

    // The seed's bombing of Aleppo has no date.
    expect(
      await mutate(UPDATE, { slug: 'bombing-of-aleppo', version: 1, changes: { endedOn: { value: '2016-12' } } }),
    ).toEqual(endNeedsStart);
    expect(await data(editor, EVENT, { slug: 'bombing-of-aleppo' })).toEqual({
      event: { occurredOn: null, endedOn: null, version: 1 },
    });

    await mutate(
      `mutation { recordEvent(input: { slug: "geneva-talks-2017-03", title: "Talks on Syria in Geneva",
        occurredOn: { value: "2017-03-01" }, endedOn: { value: "2017-03-05" } }) { __typename } }`,
      {},
    );
    const geneva = { slug: 'geneva-talks-2017-03', version: 1 };
    expect(
      await mutate(UPDATE, { ...geneva, changes: { occurredOn: null, endedOn: { value: '2017-03-06' } } }),
    ).toEqual(endNeedsStart);
    expect(await mutate(UPDATE, { ...geneva, changes: { occurredOn: null } })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'changes.occurredOn', message: 'cannot be cleared while the event has an endedOn' }],
    });
    expect(await data(editor, EVENT, { slug: 'geneva-talks-2017-03' })).toEqual({
      event: { occurredOn: { value: '2017-03-01' }, endedOn: { value: '2017-03-05' }, version: 1 },
    });

    // A date left out stays; one given as null is cleared, the start with the end.
    expect(await mutate(UPDATE, { ...geneva, changes: { endedOn: { value: '2017-03-06' } } })).toEqual({
      __typename: 'MutationUpdateEventSuccess',
      data: { occurredOn: { value: '2017-03-01' }, endedOn: { value: '2017-03-06' }, version: 2 },
    });
    expect(await mutate(UPDATE, { ...geneva, version: 2, changes: { occurredOn: null, endedOn: null } })).toEqual({
      __typename: 'MutationUpdateEventSuccess',
      data: { occurredOn: null, endedOn: null, version: 3 },
    });
  });

  it("changes a claim's stance and date, and positions follow in the same transaction", async () => {
    const { actor } = await data<{
      actor: { claims: { edges: { node: { id: string; key: string; version: number } }[] } };
    }>(editor, `{ actor(slug: "donald-trump") { claims(first: 5) { edges { node { id key version } } } } }`);
    const vitalAlly = actor.claims.edges.find((edge) => edge.node.key === 'trump-vital-ally')!.node;
    const POSITION = `{ actor(slug: "donald-trump") { positions { stance since { value } evidence { key } } } }`;

    await mutate(
      `mutation ($id: ID!) { setClaimStance(claim: $id, proposition: "russia-is-an-ally-against-isis", stance: OPPOSES) { __typename } }`,
      { id: vitalAlly.id },
    );
    expect(await data(editor, POSITION)).toEqual({
      actor: {
        positions: [{ stance: 'OPPOSES', since: { value: '2017-05-16' }, evidence: { key: 'trump-vital-ally' } }],
      },
    });

    await mutate(
      `mutation ($id: ID!) { setClaimStance(claim: $id, proposition: "russia-is-an-ally-against-isis") { __typename } }`,
      { id: vitalAlly.id },
    );
    expect(await data(editor, POSITION)).toEqual({
      actor: {
        positions: [
          { stance: 'SUPPORTS', since: { value: '2017-02-05' }, evidence: { key: 'trump-fox-news-2017-02-05' } },
        ],
      },
    });

    const moved = await mutate(
      `mutation ($id: ID!, $v: Int!) { updateClaim(id: $id, expectedVersion: $v, changes: { saidOn: { value: "2017-01", approximate: true } }) {
        __typename ... on MutationUpdateClaimSuccess { data { saidOn { value approximate } version } } ${ERRORS} } }`,
      { id: vitalAlly.id, v: vitalAlly.version },
    );
    // The version counts changes to the claim's own fields; its stances have their own revisions.
    expect(moved).toEqual({
      __typename: 'MutationUpdateClaimSuccess',
      data: { saidOn: { value: '2017-01', approximate: true }, version: vitalAlly.version + 1 },
    });
    // Moved to January, it now comes after the words of February 5 among Trump's claims, latest first.
    expect(
      await data(editor, `{ actor(slug: "donald-trump") { claims(first: 10) { totalCount edges { node { key } } } } }`),
    ).toEqual({
      actor: {
        claims: {
          totalCount: 2,
          edges: [{ node: { key: 'trump-fox-news-2017-02-05' } }, { node: { key: 'trump-vital-ally' } }],
        },
      },
    });
    const stale = await mutate(
      `mutation ($id: ID!) { updateClaim(id: $id, expectedVersion: 1, changes: { text: "changed" }) { __typename ${ERRORS} } }`,
      { id: vitalAlly.id },
    );
    expect(stale).toEqual({
      __typename: 'ConflictError',
      message: `The claim is at version ${vitalAlly.version + 1}, not 1: fetch it again and reapply the change`,
      currentVersion: vitalAlly.version + 1,
    });
  });

  it('refuses ids that are not ids of claims, as input errors', async () => {
    const RETRACT = `mutation ($id: ID!) { retractClaim(id: $id, reason: "x") { __typename ${ERRORS} } }`;
    const tooBig = Buffer.from('Claim:99999999999').toString('base64');
    const anActor = Buffer.from('Actor:1').toString('base64');
    expect(await mutate(RETRACT, { id: tooBig })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'id', message: `"${tooBig}" is not the id of a Claim` }],
    });
    expect(await mutate(RETRACT, { id: anActor })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'id', message: `"${anActor}" is not the id of a Claim` }],
    });
  });

  it('links a claim to an event once, however often it is asked', async () => {
    const { claims } = await data<{ claims: { edges: { node: { id: string } }[] } }>(
      editor,
      `{ claims(filter: { speaker: "john-mccain" }, first: 1) { edges { node { id } } } }`,
    );
    const LINK = `mutation ($id: ID!, $event: String!) { linkClaimToEvent(claim: $id, event: $event) {
      __typename ... on MutationLinkClaimToEventSuccess { data { events { slug } } } ${ERRORS} } }`;
    const variables = { id: claims.edges[0]!.node.id, event: 'bombing-of-aleppo' };
    const expected = {
      __typename: 'MutationLinkClaimToEventSuccess',
      data: { events: [{ slug: 'trump-shares-intelligence-with-lavrov-and-kislyak' }, { slug: 'bombing-of-aleppo' }] },
    };
    expect(await mutate(LINK, variables)).toEqual(expected);
    expect(await mutate(LINK, variables)).toEqual(expected);
    expect(await mutate(LINK, { ...variables, event: 'no-such-event' })).toEqual({
      __typename: 'NotFoundError',
      message: 'No event has the slug "no-such-event"',
    });
  });
});

const IMPORT = `mutation ($input: SourceBundleInput!) {
  importSource(input: $input) {
    __typename
    ... on MutationImportSourceSuccess { data { sources { created updated unchanged } actors { created updated unchanged }
      propositions { created updated unchanged } events { created updated unchanged } claims { created updated unchanged } } }
    ... on ValidationError { message issues { path message } }
  } }`;

// importSource and recordClaim go through the bundle import (test/import.test.ts specifies it), retractClaim marks
// a claim retracted: each through GraphQL, with its key and its typed failures.
describe.each(backends)('importing, recording and retracting through the API on %s', (backend) => {
  let database: TestDatabase;
  let editor: GraphQLClient;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
    editor = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'newsroom', 'EDITOR')).key });
  });
  afterEach(() => database.close());

  it('imports the seed bundle through importSource, and again without change', async () => {
    const first = await data(editor, IMPORT, { input: SEED_BUNDLE });
    expect(first).toEqual({
      importSource: {
        __typename: 'MutationImportSourceSuccess',
        data: {
          sources: { created: 4, updated: 0, unchanged: 0 },
          actors: { created: 30, updated: 0, unchanged: 0 },
          propositions: { created: 4, updated: 0, unchanged: 0 },
          events: { created: 7, updated: 0, unchanged: 0 },
          claims: { created: 29, updated: 0, unchanged: 0 },
        },
      },
    });
    const counts = await rowCounts(database.db);
    const again = await data<{ importSource: { data: Record<string, unknown> } }>(editor, IMPORT, {
      input: SEED_BUNDLE,
    });
    expect(
      Object.values(again.importSource.data).every(
        (outcome) =>
          (outcome as { created: number; updated: number }).created + (outcome as { updated: number }).updated === 0,
      ),
    ).toBe(true);
    expect(await rowCounts(database.db)).toEqual(counts);
  });

  it('answers a bad bundle with a ValidationError naming each field, and writes nothing', async () => {
    const bad = structuredClone(SEED_BUNDLE);
    bad.claims[3].saidOn = { value: '2017-02-30' };
    bad.claims[5].speakers = ['no-such-person'];
    const before = await rowCounts(database.db);
    const result = await data(editor, IMPORT, { input: bad });
    expect(result).toEqual({
      importSource: {
        __typename: 'ValidationError',
        message: 'claims[3].saidOn.value: "2017-02-30" has no day 30: that month has 28 days',
        issues: [{ path: 'claims[3].saidOn.value', message: '"2017-02-30" has no day 30: that month has 28 days' }],
      },
    });
    expect(await rowCounts(database.db)).toEqual(before);
  });

  describe('with the seed data', () => {
    beforeEach(() => seedDatabase(database.db));

    it('records a claim for a source it has, and refuses unknown speakers', async () => {
      const RECORD = `mutation ($sourceUrl: String!, $claim: ClaimInput!) { recordClaim(sourceUrl: $sourceUrl, claim: $claim) {
        __typename ... on MutationRecordClaimSuccess { data { text speakers { slug } saidOn { value } stances { stance } } }
        ... on ValidationError { issues { path message } } ... on NotFoundError { message } } }`;
      const claim = {
        text: 'the Pentagon itself seems to be under no illusions about Russia.',
        mode: 'DIRECT_QUOTE',
        speakers: ['vox'],
        medium: 'REPORT',
        stances: [{ proposition: 'russia-is-an-ally-against-isis', stance: 'OPPOSES' }],
      };
      expect(await data(editor, RECORD, { sourceUrl: VOX_URL, claim })).toEqual({
        recordClaim: {
          __typename: 'MutationRecordClaimSuccess',
          data: { text: claim.text, speakers: [{ slug: 'vox' }], saidOn: null, stances: [{ stance: 'OPPOSES' }] },
        },
      });
      const before = await rowCounts(database.db);
      expect(
        await data(editor, RECORD, { sourceUrl: VOX_URL, claim: { ...claim, speakers: ['nobody-known'] } }),
      ).toEqual({
        recordClaim: {
          __typename: 'ValidationError',
          issues: [
            {
              path: 'claim.speakers[0]',
              message: 'unknown actor "nobody-known": define it in the bundle or import it first',
            },
          ],
        },
      });
      expect(await data(editor, RECORD, { sourceUrl: 'https://example.org/none', claim })).toEqual({
        recordClaim: { __typename: 'NotFoundError', message: 'No source has the url https://example.org/none' },
      });
      expect(await rowCounts(database.db)).toEqual(before);
      // The source it was recorded against is left as it was.
      expect(
        await data(editor, `{ source(url: "${VOX_URL}") { version publisher { slug } publishedOn { value } } }`),
      ).toEqual({
        source: { version: 1, publisher: { slug: 'vox' }, publishedOn: { value: '2017-05-16' } },
      });
      expect(
        await data(editor, RECORD, {
          sourceUrl: 'urn:whosaid:atlantic-council:2017-02:report-on-hospital-bombings-in-syria',
          claim: { ...claim, key: 'kahl-brands-foreign-policy' },
        }),
      ).toEqual({
        recordClaim: {
          __typename: 'MutationRecordClaimSuccess',
          data: {
            text: "overarching goal, and one that it has been fairly successful in achieving, is to fortify the Assad regime in power and thereby protect Russia's strategic position in Syria and the broader Middle East.",
            saidOn: { value: '2017-02' },
            speakers: [{ slug: 'colin-kahl' }, { slug: 'hal-brands' }],
            stances: [{ stance: 'SUPPORTS' }],
          },
        },
      });
      // Another source's claim named by its key is reported again, not taken over: one more report, no claim.
      expect(await rowCounts(database.db)).toMatchObject({
        claims: before.claims,
        claim_reports: before.claim_reports + 1,
      });
    });

    it('retracts a claim: kept on record, out of default queries and positions, with its revision', async () => {
      const before = await data<{ actor: { claims: { edges: { node: { id: string; text: string } }[] } } }>(
        editor,
        `{ actor(slug: "donald-trump") { claims(first: 5) { edges { node { id text } } } } }`,
      );
      const characterization = before.actor.claims.edges.find((edge) =>
        edge.node.text.startsWith('Russia, he argues'),
      )!.node;
      const since = new Date().toISOString();

      const retracted = await data(
        editor,
        `mutation ($id: ID!) { retractClaim(id: $id, reason: "The reporter's characterization, not Trump's words") {
          __typename ... on MutationRetractClaimSuccess { data { retracted retractionReason version } } } }`,
        { id: characterization.id },
      );
      expect(retracted).toEqual({
        retractClaim: {
          __typename: 'MutationRetractClaimSuccess',
          data: { retracted: true, retractionReason: "The reporter's characterization, not Trump's words", version: 2 },
        },
      });

      const after = await data(
        editor,
        `{ actor(slug: "donald-trump") {
            claims(first: 5) { totalCount }
            all: claims(first: 5, includeRetracted: true) { totalCount }
            positions { stance since { value } evidence { text } } }
          claims(filter: { speaker: "donald-trump" }, first: 5) { totalCount } }`,
      );
      expect(after).toEqual({
        actor: {
          claims: { totalCount: 1 },
          all: { totalCount: 2 },
          positions: [
            {
              stance: 'SUPPORTS',
              since: { value: '2017-02-05' },
              evidence: {
                text: "it's better to get along with Russia than not. And if Russia helps us in the fight against ISIS, which is a major fight, and Islamic terrorism all over the world — that's a good thing.",
              },
            },
          ],
        },
        claims: { totalCount: 1 },
      });

      const history = await data<{ node: { revisions: unknown[] }; changes: { edges: { node: unknown }[] } }>(
        editor,
        `query ($id: ID!, $since: DateTime!) {
          node(id: $id) { ... on Claim { revisions { action changedBy table } } }
          changes(since: $since, first: 10) { edges { node { entity entityType action changedBy table } } } }`,
        { id: characterization.id, since },
      );
      expect(history.node.revisions.at(-1)).toEqual({ action: 'UPDATE', changedBy: 'newsroom', table: 'claims' });
      expect(history.node.revisions[0]).toEqual({ action: 'INSERT', changedBy: 'seed', table: 'claims' });
      expect(history.changes.edges.map((edge) => edge.node)).toEqual([
        { entity: characterization.id, entityType: 'Claim', action: 'UPDATE', changedBy: 'newsroom', table: 'claims' },
      ]);

      const again = await data(
        editor,
        `mutation ($id: ID!) { retractClaim(id: $id, reason: "again") { __typename ... on ConflictError { currentVersion } } }`,
        { id: characterization.id },
      );
      expect(again).toEqual({ retractClaim: { __typename: 'ConflictError', currentVersion: 2 } });
    });

    it('refuses to retract without a reason, and writes nothing', async () => {
      const { claims } = await data<{ claims: { edges: { node: { id: string } }[] } }>(
        editor,
        `{ claims(first: 1) { edges { node { id } } } }`,
      );
      const result = await data(
        editor,
        `mutation ($id: ID!) { retractClaim(id: $id, reason: "  ") { __typename ... on ValidationError { issues { path message } } } }`,
        { id: claims.edges[0]!.node.id },
      );
      expect(result).toEqual({
        retractClaim: { __typename: 'ValidationError', issues: [{ path: 'reason', message: 'must not be empty' }] },
      });
      expect(
        (await data<{ claims: { totalCount: number } }>(editor, '{ claims(first: 1) { totalCount } }')).claims
          .totalCount,
      ).toBe(29);
    });
  });
});
