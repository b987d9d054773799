import { describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { backends } from './support/databases.js';
import { graphqlClient } from './support/graphql.js';
import { rowCounts } from './support/row-counts.js';
import { seededApi } from './support/seeded-api.js';

const base64 = (text: string) => Buffer.from(text).toString('base64');

// Arguments that take the id of one type refuse any other, naming the argument; a mutation answers it as its result.
describe.each(backends)('ids of the wrong type, on %s', (backend) => {
  const api = seededApi(backend);

  it('are a ValidationError of the mutation, naming the argument that holds the id', async () => {
    const editor = graphqlClient(api.database.db, {
      apiKey: (await createApiKey(api.database.db, 'id-desk', 'EDITOR')).key,
    });
    const before = await rowCounts(api.database.db);
    const anActor = base64('Actor:1');
    const result = await editor(
      `mutation ($claim: ID!) { setClaimStance(claim: $claim, proposition: "russia-is-an-ally-against-isis", stance: OPPOSES) {
        __typename ... on ValidationError { issues { path message } } } }`,
      { claim: anActor },
    );
    expect(result).toEqual({
      status: 200,
      data: {
        setClaimStance: {
          __typename: 'ValidationError',
          issues: [{ path: 'claim', message: `"${anActor}" is not the id of a Claim` }],
        },
      },
    });
    expect(await rowCounts(api.database.db)).toEqual(before);
  });

  it('are BAD_USER_INPUT in a query filter, for a number no row can have too', async () => {
    const aClaim = base64('Claim:1');
    const tooBig = base64('Source:99999999999');
    const notAnId = 'not-an-id';
    const answers = [];
    for (const source of [aClaim, tooBig, notAnId]) {
      const result = await api.graphql('query ($source: ID!) { claims(filter: { source: $source }) { totalCount } }', {
        source,
      });
      answers.push(result.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code })));
    }
    expect(answers).toEqual([
      [{ message: `"${aClaim}" is not the id of a Source`, code: 'BAD_USER_INPUT' }],
      [{ message: `"${tooBig}" is not the id of a Source`, code: 'BAD_USER_INPUT' }],
      [{ message: '"not-an-id" is not the id of anything', code: 'BAD_USER_INPUT' }],
    ]);
  });
});

// Relay's node fields answer null for an id no row has (a deleted claim, a merged one), not an internal error.
describe.each(backends)('ids of rows that are not there, on %s', (backend) => {
  const api = seededApi(backend);

  it('are null in node and nodes, beside the rows that are', async () => {
    const voxSource = await api.database.db.query.sources.findFirst({ columns: { id: true }, orderBy: { id: 'asc' } });
    const there = base64(`Source:${voxSource!.id}`);
    expect(
      await api.graphql(
        `query ($gone: ID!, $goneReport: ID!, $there: ID!) {
          node(id: $gone) { id }
          report: node(id: $goneReport) { id }
          nodes(ids: [$there, $gone]) { id }
        }`,
        { gone: base64('Claim:999999'), goneReport: base64('Report:999999'), there },
      ),
    ).toEqual({ status: 200, data: { node: null, report: null, nodes: [{ id: there }, null] } });
  });
});
