import { describe, expect, it } from 'vitest';
import { backends } from './support/databases.js';
import { data } from './support/graphql.js';
import { seededApi } from './support/seeded-api.js';

const AGREEMENT = `query ($actors: [String!]!, $propositions: [String!]) {
  agreement(actors: $actors, propositions: $propositions) {
    first { slug } second { slug } agreeOn { slug } disagreeOn { slug } differOn { slug } } }`;

const ALLY = { slug: 'russia-is-an-ally-against-isis' };
const ASSAD = { slug: 'russia-aims-to-keep-assad-in-power' };

// In the article Trump calls Russia an ally against ISIS; Townsend, and Vox, say it is none; the Pentagon will not
// say; Townsend and Vox also agree that Russia wants Assad kept in power.
describe.each(backends)('agreement on %s', (backend) => {
  const api = seededApi(backend);

  it('compares every pair of actors, in the order given, by their current positions', async () => {
    const result = await data(api.graphql, AGREEMENT, {
      actors: ['donald-trump', 'jim-townsend', 'vox', 'us-department-of-defense'],
    });
    expect(result).toEqual({
      agreement: [
        {
          first: { slug: 'donald-trump' },
          second: { slug: 'jim-townsend' },
          agreeOn: [],
          disagreeOn: [ALLY],
          differOn: [],
        },
        { first: { slug: 'donald-trump' }, second: { slug: 'vox' }, agreeOn: [], disagreeOn: [ALLY], differOn: [] },
        {
          first: { slug: 'donald-trump' },
          second: { slug: 'us-department-of-defense' },
          agreeOn: [],
          disagreeOn: [],
          differOn: [ALLY],
        },
        {
          first: { slug: 'jim-townsend' },
          second: { slug: 'vox' },
          agreeOn: [ASSAD, ALLY],
          disagreeOn: [],
          differOn: [],
        },
        {
          first: { slug: 'jim-townsend' },
          second: { slug: 'us-department-of-defense' },
          agreeOn: [],
          disagreeOn: [],
          differOn: [ALLY],
        },
        {
          first: { slug: 'vox' },
          second: { slug: 'us-department-of-defense' },
          agreeOn: [],
          disagreeOn: [],
          differOn: [ALLY],
        },
      ],
    });
  });

  it('looks only at the propositions asked about, where some are', async () => {
    const result = await data(api.graphql, AGREEMENT, {
      actors: ['jim-townsend', 'vox', 'donald-trump'],
      propositions: ['russia-aims-to-keep-assad-in-power'],
    });
    expect(result).toEqual({
      agreement: [
        { first: { slug: 'jim-townsend' }, second: { slug: 'vox' }, agreeOn: [ASSAD], disagreeOn: [], differOn: [] },
        {
          first: { slug: 'jim-townsend' },
          second: { slug: 'donald-trump' },
          agreeOn: [],
          disagreeOn: [],
          differOn: [],
        },
        { first: { slug: 'vox' }, second: { slug: 'donald-trump' }, agreeOn: [], disagreeOn: [], differOn: [] },
      ],
    });
  });

  it('answers in the same number of statements for 2 actors as for 6', async () => {
    const statementsFor = async (actors: string[]) => {
      api.database.statements.length = 0;
      await data(api.graphql, AGREEMENT, { actors });
      return api.database.statements.length;
    };
    const few = await statementsFor(['donald-trump', 'vox']);
    const many = await statementsFor([
      'donald-trump',
      'jim-townsend',
      'vox',
      'us-department-of-defense',
      'ben-cardin',
      'john-mccain',
    ]);
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(4);
  });

  it.each([
    [['vox'], 'actors: give between 2 and 25 actor slugs, not 1'],
    [['vox', 'donald-trump', 'vox'], 'actors: "vox" is listed twice'],
    [['vox', 'vladimir-putln', 'nobody'], 'actors: no actor has the slug "vladimir-putln", "nobody"'],
  ])('refuses the actors %j, saying why', async (actors, message) => {
    const result = await api.graphql(AGREEMENT, { actors });
    expect(result.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
      [message, 'BAD_USER_INPUT'],
    ]);
  });

  it('refuses an unknown proposition, naming it', async () => {
    const result = await api.graphql(AGREEMENT, { actors: ['vox', 'donald-trump'], propositions: ['russia-is-a-foe'] });
    expect(result.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
      ['propositions: no proposition has the slug "russia-is-a-foe"', 'BAD_USER_INPUT'],
    ]);
  });
});
