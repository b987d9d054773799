import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { rowCounts } from './support/row-counts.js';

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

  /** Runs a mutation and checks that, when it fails, no table changed. */
  const mutate = async (query: string, variables: Record<string, unknown>) => {
    const before = await rowCounts(database.db);
    const result = await data<Record<string, { __typename: string } & Record<string, unknown>>>(
      editor,
      query,
      variables,
    );
    const answer = Object.values(result)[0]!;
    if (!answer.__typename.endsWith('Success')) expect(await rowCounts(database.db)).toEqual(before);
    return answer;
  };

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
