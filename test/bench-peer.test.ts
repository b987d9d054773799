import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ask, Subjects } from '../bench/mix-types.js';
import { postgraphileMix } from '../bench/postgraphile/mix.js';
import { type RunningPeer, startPostGraphile } from '../bench/postgraphile/server.js';
import { seedDatabase } from '../src/seed/seed.js';
import { backends } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { type PostgresServer, startPostgresServer } from './support/postgres-server.js';

const VOX = 'https://www.vox.com/world/2017/5/16/15646202/trump-russia-isis-syria-assad';
const PAGE = 3;

type Edges<Node> = { edges: { node: Node }[] };
const nodes = <Node>(connection: Edges<Node>) => connection.edges.map((edge) => edge.node);

/** PostGraphile's answer to one request, which must succeed. */
function askOver(url: string): Ask {
  return async (document, variables) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document, variables }),
    });
    const result = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (result.errors?.length) throw new Error(`PostGraphile errors: ${JSON.stringify(result.errors)}`);
    return result.data!;
  };
}

// PostGraphile needs a real server: PGlite behind pglite-socket here, and the server at DATABASE_URL when it is set.
describe.each(backends)('PostGraphile as the benchmark peer, over the seed on %s', (backend) => {
  let server: PostgresServer;
  let peer: RunningPeer;
  let ask: Ask;
  let whosaid: GraphQLClient;
  let subjects: Subjects;

  beforeAll(async () => {
    server = await startPostgresServer(backend);
    await seedDatabase(server.database.db);
    peer = await startPostGraphile(server.url);
    ask = askOver(peer.url);
    whosaid = graphqlClient(server.database.db);
    const ids = (await ask(`{ actorBySlug(slug: "vox") { rowId }
      propositionBySlug(slug: "russia-is-an-ally-against-isis") { rowId } sourceByUrl(url: "${VOX}") { rowId } }`)) as {
      actorBySlug: { rowId: number };
      propositionBySlug: { rowId: number };
      sourceByUrl: { rowId: number };
    };
    subjects = {
      actorSlug: 'vox',
      actorId: ids.actorBySlug.rowId,
      propositionSlug: 'russia-is-an-ally-against-isis',
      propositionId: ids.propositionBySlug.rowId,
      from: '2017-05-01',
      to: '2017-05-31',
      searchQuery: 'russia ally',
      sourceUrl: VOX,
      sourceId: ids.sourceByUrl.rowId,
    };
  }, 60_000);

  afterAll(async () => {
    await peer?.stop();
    await server?.close();
  });

  const run = async (name: keyof typeof postgraphileMix, first = PAGE) => {
    const entry = postgraphileMix[name];
    return ask(entry.document, await entry.variables(subjects, ask, first));
  };

  it("gives an actor's latest claims with what whosaid gives for them", async () => {
    const answer = (await run('actorPage')) as {
      actorBySlug: {
        claims: Edges<{
          text: string;
          sourceBySourceId: { title: string };
          claimSpeakersByClaimId: { nodes: { actorByActorId: { name: string } }[] };
          claimStancesByClaimId: { nodes: { stance: string; propositionByPropositionId: { statement: string } }[] };
        }>;
      };
    };
    const expected = await data<{
      actor: { claims: Edges<{ text: string; reportedIn: { source: { title: string } }; speakers: { name: string }[]; stances: { stance: string; proposition: { statement: string } }[] }> };
    }>(
      whosaid,
      `query ($slug: String!, $first: Int!) { actor(slug: $slug) { claims(first: $first) { edges { node {
        text reportedIn { source { title } } speakers { name } stances { stance proposition { statement } } } } } } }`,
      { slug: 'vox', first: PAGE },
    );
    const peerClaims = nodes(answer.actorBySlug.claims).map((claim) => ({
      text: claim.text,
      source: claim.sourceBySourceId.title,
      speakers: claim.claimSpeakersByClaimId.nodes.map((speaker) => speaker.actorByActorId.name),
      stances: claim.claimStancesByClaimId.nodes.map((taken) => [taken.stance, taken.propositionByPropositionId.statement]),
    }));
    expect(peerClaims).toEqual(
      nodes(expected.actor.claims).map((claim) => ({
        text: claim.text,
        source: claim.reportedIn.source.title,
        speakers: claim.speakers.map((speaker) => speaker.name),
        stances: claim.stances.map((taken) => [taken.stance, taken.proposition.statement]),
      })),
    );
    expect(peerClaims.map((claim) => claim.text)).toEqual([
      'No US troops were harmed, but American-backed rebel forces were struck. The casualty count was not specified.',
      'Russian warplanes joined Syrian ones in bombing Aleppo, killing about 100 people.',
      "Russia says it is helping to defeat ISIS when it really is not. Instead, Moscow is helping the Assad regime to stay in power because Assad remains one of Putin's top allies in the Middle East.",
    ]);
  });

  it("gives a proposition's current positions, each with its actor and the claim it holds since", async () => {
    const answer = (await run('propositionPositions', 10)) as {
      propositionBySlug: { positionsByPropositionId: { nodes: { stance: string; actorByActorId: { name: string }; claimBySinceClaimId: { text: string } }[] } };
    };
    const expected = await data<{ proposition: { positions: { stance: string; actor: { name: string } }[] } }>(
      whosaid,
      `{ proposition(slug: "russia-is-an-ally-against-isis") { positions { stance actor { name } } } }`,
    );
    const positions = answer.propositionBySlug.positionsByPropositionId.nodes;
    expect(positions.map((position) => [position.actorByActorId.name, position.stance])).toEqual(
      expected.proposition.positions.slice(0, 10).map((position) => [position.actor.name, position.stance]),
    );
    expect(positions[0]).toEqual({
      stance: 'SUPPORTS',
      actorByActorId: { name: 'Donald Trump' },
      claimBySinceClaimId: {
        text: "it's better to get along with Russia than not. And if Russia helps us in the fight against ISIS, which is a major fight, and Islamic terrorism all over the world — that's a good thing.",
      },
    });
  });

  it('gives the claims placed in a date range, latest first, as whosaid filters them', async () => {
    const answer = (await run('claimsByDate', 10)) as { allClaims: Edges<{ text: string; claimSpeakersByClaimId: { nodes: { actorByActorId: { name: string } }[] } }> };
    const expected = await data<{ claims: Edges<{ text: string; speakers: { name: string }[] }> }>(
      whosaid,
      `{ claims(filter: { saidFrom: "2017-05-01", saidTo: "2017-05-31" }, first: 10) { edges { node { text speakers { name } } } } }`,
    );
    expect(nodes(answer.allClaims).map((claim) => [claim.text, claim.claimSpeakersByClaimId.nodes.map((speaker) => speaker.actorByActorId.name)])).toEqual(
      nodes(expected.claims).map((claim) => [claim.text, claim.speakers.map((speaker) => speaker.name)]),
    );
  });

  it("pages through the timeline's claims by cursor, oldest first, as whosaid orders them", async () => {
    const texts: string[] = [];
    let variables = await postgraphileMix.timelinePage1.variables(subjects, ask, 5);
    for (;;) {
      const page = (await ask(postgraphileMix.timelinePage1.document, variables)) as {
        allClaims: Edges<{ text: string }> & { pageInfo: { hasNextPage: boolean; endCursor: string } };
      };
      texts.push(...nodes(page.allClaims).map((claim) => claim.text));
      if (!page.allClaims.pageInfo.hasNextPage) break;
      variables = { ...variables, after: page.allClaims.pageInfo.endCursor };
    }
    const expected = await data<{ claims: Edges<{ text: string }> }>(
      whosaid,
      `{ claims(orderBy: SAID_ON_ASC, first: 100) { edges { node { text } } } }`,
    );
    expect(texts).toEqual(nodes(expected.claims).map((claim) => claim.text));
  });

  it("finds page 1,000's cursor by paging, and past the seed's end that is the last claim's", async () => {
    const answer = (await run('timelinePage1000', 10)) as { allClaims: Edges<unknown> & { pageInfo: { hasNextPage: boolean } } };
    expect(answer.allClaims).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it("searches claims through whosaid's index expression, ranked as whosaid ranks its claim hits", async () => {
    const answer = (await run('search', 10)) as { searchClaims: Edges<{ text: string }> };
    const expected = await data<{ search: Edges<{ text: string }> }>(
      whosaid,
      `{ search(query: "russia ally", types: [CLAIM], first: 10) { edges { node { ... on Claim { text } } } } }`,
    );
    expect(nodes(answer.searchClaims).map((claim) => claim.text)).toEqual(nodes(expected.search).map((claim) => claim.text));
  });

  it('answers the deep nested question with the facts whosaid gives', async () => {
    type PeerActor = { name: string; claims: Edges<{ text: string; claimStancesByClaimId?: { nodes: PeerStance[] } }> };
    type PeerStance = { stance: string; propositionByPropositionId: { statement: string; positionsByPropositionId: { nodes: { stance: string; actorByActorId: PeerActor }[] } } };
    type WhosaidActor = { name: string; claims: Edges<{ text: string; stances?: WhosaidStance[] }> };
    type WhosaidStance = { stance: string; proposition: { statement: string; positions: { stance: string; actor: WhosaidActor }[] } };
    const answer = (await run('deepNested')) as { actorBySlug: PeerActor };
    const expected = await data<{ actor: WhosaidActor }>(
      whosaid,
      `{ actor(slug: "vox") { name claims(first: 5) { edges { node { text stances { stance proposition { statement
          positions { stance actor { name claims(first: 3) { edges { node { text } } } } } } } } } } } }`,
    );
    const fromPeer = (actor: PeerActor): unknown => ({
      name: actor.name,
      claims: nodes(actor.claims).map((claim) => ({
        text: claim.text,
        stances: claim.claimStancesByClaimId?.nodes.map((taken) => ({
          stance: taken.stance,
          statement: taken.propositionByPropositionId.statement,
          positions: taken.propositionByPropositionId.positionsByPropositionId.nodes.map((position) => ({
            stance: position.stance,
            actor: fromPeer(position.actorByActorId),
          })),
        })),
      })),
    });
    const fromWhosaid = (actor: WhosaidActor): unknown => ({
      name: actor.name,
      claims: nodes(actor.claims).map((claim) => ({
        text: claim.text,
        stances: claim.stances?.map((taken) => ({
          stance: taken.stance,
          statement: taken.proposition.statement,
          positions: taken.proposition.positions.slice(0, 5).map((position) => ({ stance: position.stance, actor: fromWhosaid(position.actor) })),
        })),
      })),
    });
    expect(fromPeer(answer.actorBySlug)).toEqual(fromWhosaid(expected.actor));
  });

  it('records a claim with its speaker and stance, a new one for each request, that whosaid then reads', async () => {
    const entry = postgraphileMix.mutationMix;
    const base = await entry.variables(subjects, ask, PAGE);
    for (const n of [0, 1]) await ask(entry.document, entry.perRequest!(base, n));
    const recorded = await data<{ claims: Edges<{ text: string; speakers: { slug: string }[]; stances: { stance: string; proposition: { slug: string } }[] }> }>(
      whosaid,
      `{ claims(filter: { saidFrom: "2017-05-31", saidTo: "2017-05-31" }) { edges { node { text speakers { slug } stances { stance proposition { slug } } } } } }`,
    );
    const stance = { stance: 'SUPPORTS', proposition: { slug: 'russia-is-an-ally-against-isis' } };
    expect(nodes(recorded.claims)).toEqual([
      { text: 'Benchmark claim recorded through PostGraphile. (1)', speakers: [{ slug: 'vox' }], stances: [stance] },
      { text: 'Benchmark claim recorded through PostGraphile. (0)', speakers: [{ slug: 'vox' }], stances: [stance] },
    ]);
  });
});
