import { describe, expect, it } from 'vitest';
import { backends } from './support/databases.js';
import { data } from './support/graphql.js';
import { seededApi } from './support/seeded-api.js';

interface Page {
  claims: {
    totalCount: number;
    edges: { cursor: string; node: { key: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String) {
  claims(filter: { proposition: "russia-is-an-ally-against-isis" }, orderBy: SAID_ON_ASC,
         first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { key } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

// The claims on the proposition, in the order they were said (undated ones at the report's date, May 16, in
// the order the article gives them).
const IN_ORDER = [
  'trump-fox-news-2017-02-05',
  'trump-vital-ally',
  'experts-not-as-committed',
  'pentagon-baldanza',
  'obama-defense-officials-fools-errand',
  'jim-townsend-disagreed',
  'administration-energetic-partner',
  'jim-townsend-no',
  'jim-townsend-protect-themselves',
  'jim-townsend-different-fight',
  'anonymous-former-pentagon-official',
  'bipartisan-agreement-on-the-hill',
  'cardin-not-allies',
  'cardin-exacerbated-conditions',
  'vox-because-it-is-not',
  'vox-own-reasons',
  'vox-helping-assad-not-defeating-isis',
];

describe.each(backends)('paging through claims on %s', (backend) => {
  const api = seededApi(backend);

  it('walks forwards with first/after', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Page = await data<Page>(api.graphql, PAGE, { first: 5, after });
      expect(page.claims.totalCount).toBe(17);
      seen.push(...page.claims.edges.map((edge) => edge.node.key));
      pages += 1;
      if (!page.claims.pageInfo.hasNextPage) break;
      after = page.claims.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(IN_ORDER);
  });

  it('walks backwards with last/before', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page: Page = await data<Page>(api.graphql, PAGE, { last: 5, before });
      seen.unshift(...page.claims.edges.map((edge) => edge.node.key));
      if (!page.claims.pageInfo.hasPreviousPage) break;
      before = page.claims.pageInfo.startCursor;
    }
    expect(seen).toEqual(IN_ORDER);
  });

  it("pages an actor's claims, latest first", async () => {
    const query = `query ($after: String) { actor(slug: "jim-townsend") {
      claims(first: 2, after: $after) { totalCount edges { node { key } } pageInfo { hasNextPage endCursor } } } }`;
    type ActorPage = {
      actor: {
        claims: {
          totalCount: number;
          edges: { node: { key: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const first = await data<ActorPage>(api.graphql, query);
    const second = await data<ActorPage>(api.graphql, query, { after: first.actor.claims.pageInfo.endCursor });
    expect(first.actor.claims.totalCount).toBe(4);
    expect(first.actor.claims.pageInfo.hasNextPage).toBe(true);
    expect(second.actor.claims.pageInfo.hasNextPage).toBe(false);
    expect([...first.actor.claims.edges, ...second.actor.claims.edges].map((edge) => edge.node.key)).toEqual([
      'jim-townsend-different-fight',
      'jim-townsend-protect-themselves',
      'jim-townsend-no',
      'jim-townsend-disagreed',
    ]);
  });
});
