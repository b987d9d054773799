import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../src/domain/seed/seed.js';
import { backends } from '../../test/support/databases.js';
import { data, type GraphQLClient, graphqlClient } from '../../test/support/graphql.js';
import { type PostgresServer, startPostgresServer } from '../../test/support/postgres-server.js';
import { VOX_URL } from '../../test/support/seed-article.js';
import type { Ask, Subjects } from '../mix-types.js';
import { postgraphileMix } from '../postgraphile/mix.js';
import { type RunningPeer, startPostGraphile } from '../postgraphile/server.js';
import { whosaidMix } from '../whosaid-mix.js';

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
    // pglite-socket serves every connection from one session, where PostGraphile's clients would prepare the same
    // named statement twice: over PGlite, the peer has one.
    peer = await startPostGraphile(server.url, backend === 'pglite' ? 1 : undefined);
    ask = askOver(peer.url);
    whosaid = graphqlClient(server.database.db);
    const ids = (await ask(`{ actorBySlug(slug: "vox") { rowId }
      propositionBySlug(slug: "russia-is-an-ally-against-isis") { rowId } sourceByUrl(url: "${VOX_URL}") { rowId }
      smallPairActor: actorBySlug(slug: "john-mccain") { rowId }
      smallPairProposition: propositionBySlug(slug: "russia-targets-civilians-in-syria") { rowId } }`)) as {
      actorBySlug: { rowId: number };
      propositionBySlug: { rowId: number };
      sourceByUrl: { rowId: number };
      smallPairActor: { rowId: number };
      smallPairProposition: { rowId: number };
    };
    subjects = {
      actorSlug: 'vox',
      actorId: ids.actorBySlug.rowId,
      propositionSlug: 'russia-is-an-ally-against-isis',
      propositionId: ids.propositionBySlug.rowId,
      bigPairClaims: 3,
      smallPairActorSlug: 'john-mccain',
      smallPairActorId: ids.smallPairActor.rowId,
      smallPairPropositionSlug: 'russia-targets-civilians-in-syria',
      smallPairPropositionId: ids.smallPairProposition.rowId,
      smallPairClaims: 1,
      from: '2017-05-01',
      to: '2017-05-31',
      searchQuery: 'russia ally',
      sourceUrl: VOX_URL,
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

  it("gives an actor's latest claims through the speaker rows, with what whosaid gives for them", async () => {
    type PeerClaim = {
      rowId: number;
      text: string;
      mode: string;
      medium: string;
      saidStart: string | null;
      claimStancesByClaimId: { nodes: { stance: string; propositionByPropositionId: { slug: string } }[] };
    };
    const answer = (await run('actorPage')) as {
      actorBySlug: {
        slug: string;
        name: string;
        kind: string;
        aliases: string[];
        actorRolesByActorId: { nodes: { title: string; former: boolean; endedStart: string | null }[] };
        claimSpeakersByActorId: Edges<{ claimByClaimId: PeerClaim }> & { pageInfo: { hasNextPage: boolean } };
      };
    };
    const expected = await data<{
      actor: {
        slug: string;
        name: string;
        kind: string;
        aliases: string[];
        roles: { title: string; current: boolean }[];
        claims: Edges<{
          id: string;
          text: string;
          mode: string;
          medium: string;
          saidOn: { value: string } | null;
          stances: { stance: string; proposition: { slug: string } }[];
        }> & {
          pageInfo: { hasNextPage: boolean };
        };
      };
    }>(whosaid, whosaidMix.actorPage.document, { slug: 'vox', first: PAGE });
    const actor = answer.actorBySlug;
    const claims = nodes(actor.claimSpeakersByActorId).map(({ claimByClaimId: claim }) => ({
      text: claim.text,
      mode: claim.mode,
      medium: claim.medium,
      saidStart: claim.saidStart,
      stances: claim.claimStancesByClaimId.nodes.map((taken) => [taken.stance, taken.propositionByPropositionId.slug]),
    }));
    expect({
      slug: actor.slug,
      name: actor.name,
      kind: actor.kind,
      aliases: actor.aliases,
      roles: actor.actorRolesByActorId.nodes.map((role) => ({
        title: role.title,
        current: !role.former && role.endedStart === null,
      })),
      claims,
      hasNextPage: actor.claimSpeakersByActorId.pageInfo.hasNextPage,
    }).toEqual({
      slug: expected.actor.slug,
      name: expected.actor.name,
      kind: expected.actor.kind,
      aliases: expected.actor.aliases,
      roles: expected.actor.roles,
      claims: nodes(expected.actor.claims).map((claim) => ({
        text: claim.text,
        mode: claim.mode,
        medium: claim.medium,
        saidStart: claim.saidOn?.value.slice(0, 10) ?? null,
        stances: claim.stances.map((taken) => [taken.stance, taken.proposition.slug]),
      })),
      hasNextPage: expected.actor.claims.pageInfo.hasNextPage,
    });
    expect(claims.map((claim) => claim.text)).toEqual([
      'No US troops were harmed, but American-backed rebel forces were struck. The casualty count was not specified.',
      'Russian warplanes joined Syrian ones in bombing Aleppo, killing about 100 people.',
      "Russia says it is helping to defeat ISIS when it really is not. Instead, Moscow is helping the Assad regime to stay in power because Assad remains one of Putin's top allies in the Middle East.",
    ]);
  });

  it("gives all of a proposition's current positions and their stance counts, as whosaid does", async () => {
    type Count = { totalCount: number };
    const answer = (await run('propositionPositions')) as {
      propositionBySlug: {
        statement: string;
        supports: Count;
        opposes: Count;
        mixed: Count;
        neutral: Count;
        positionsByPropositionId: {
          nodes: {
            stance: string;
            actorByActorId: { slug: string };
            claimByEvidenceClaimId: { text: string };
            claimBySinceClaimId: { saidStart: string | null };
          }[];
        };
      };
    };
    const expected = await data<{
      proposition: {
        statement: string;
        stanceSummary: Record<'supports' | 'opposes' | 'mixed' | 'neutral', number>;
        positions: { stance: string; since: { value: string }; actor: { slug: string }; evidence: { text: string } }[];
      };
    }>(whosaid, whosaidMix.propositionPositions.document, { slug: 'russia-is-an-ally-against-isis' });
    const proposition = answer.propositionBySlug;
    expect({
      statement: proposition.statement,
      stanceSummary: {
        supports: proposition.supports.totalCount,
        opposes: proposition.opposes.totalCount,
        mixed: proposition.mixed.totalCount,
        neutral: proposition.neutral.totalCount,
      },
      positions: proposition.positionsByPropositionId.nodes.map((position) => ({
        stance: position.stance,
        actor: position.actorByActorId.slug,
        evidence: position.claimByEvidenceClaimId.text,
      })),
    }).toEqual({
      statement: expected.proposition.statement,
      stanceSummary: expected.proposition.stanceSummary,
      positions: expected.proposition.positions.map((position) => ({
        stance: position.stance,
        actor: position.actor.slug,
        evidence: position.evidence.text,
      })),
    });
    expect(proposition.positionsByPropositionId.nodes).toHaveLength(6);
    expect(proposition.positionsByPropositionId.nodes[0]).toMatchObject({
      stance: 'SUPPORTS',
      actorByActorId: { slug: 'donald-trump' },
      claimBySinceClaimId: { saidStart: '2017-02-05' },
    });
  });

  it("gives the first page of a proposition's current positions, in the order whosaid pages them, and their count", async () => {
    type PeerPosition = {
      stance: string;
      actorByActorId: { slug: string };
      claimByEvidenceClaimId: { text: string };
      claimBySinceClaimId: { placedStart: string };
    };
    const answer = (await run('propositionPositionsPage')) as {
      propositionBySlug: {
        positionsByPropositionId: Edges<PeerPosition> & { totalCount: number; pageInfo: { hasNextPage: boolean } };
      };
    };
    const expected = await data<{
      proposition: {
        positionsConnection: Edges<{
          stance: string;
          since: { value: string };
          actor: { slug: string };
          evidence: { text: string };
        }> & { totalCount: number; pageInfo: { hasNextPage: boolean } };
      };
    }>(whosaid, whosaidMix.propositionPositionsPage.document, { slug: 'russia-is-an-ally-against-isis', first: PAGE });
    const page = answer.propositionBySlug.positionsByPropositionId;
    const expectedPage = expected.proposition.positionsConnection;
    expect({
      totalCount: page.totalCount,
      positions: nodes(page).map((position) => ({
        stance: position.stance,
        actor: position.actorByActorId.slug,
        since: position.claimBySinceClaimId.placedStart,
        evidence: position.claimByEvidenceClaimId.text,
      })),
      hasNextPage: page.pageInfo.hasNextPage,
    }).toEqual({
      totalCount: expectedPage.totalCount,
      positions: nodes(expectedPage).map((position) => ({
        stance: position.stance,
        actor: position.actor.slug,
        since: position.since.value,
        evidence: position.evidence.text,
      })),
      hasNextPage: expectedPage.pageInfo.hasNextPage,
    });
    expect({
      totalCount: page.totalCount,
      actors: nodes(page).map((position) => position.actorByActorId.slug),
    }).toEqual({
      totalCount: 6,
      actors: ['donald-trump', 'jim-townsend', 'ben-cardin'],
    });
  });

  it('gives the claims placed in a date range, latest first, as whosaid filters them', async () => {
    const answer = (await run('claimsByDate', 10)) as {
      allClaims: Edges<{ text: string; claimSpeakersByClaimId: { nodes: { actorByActorId: { name: string } }[] } }>;
    };
    const expected = await data<{ claims: Edges<{ text: string; speakers: { name: string }[] }> }>(
      whosaid,
      `{ claims(filter: { saidFrom: "2017-05-01", saidTo: "2017-05-31" }, first: 10) { edges { node { text speakers { name } } } } }`,
    );
    expect(
      nodes(answer.allClaims).map((claim) => [
        claim.text,
        claim.claimSpeakersByClaimId.nodes.map((speaker) => speaker.actorByActorId.name),
      ]),
    ).toEqual(nodes(expected.claims).map((claim) => [claim.text, claim.speakers.map((speaker) => speaker.name)]));
  });

  type PeerEntry = {
    placedStart: string;
    placedEnd: string;
    kind: number;
    rowId: number;
    claimByClaimId: { text: string; claimSpeakersByClaimId: { nodes: { actorByActorId: { slug: string } }[] } } | null;
    eventByEventId: { title: string } | null;
  };
  type PeerTimeline = { timeline: { nodes: PeerEntry[]; pageInfo: { hasNextPage: boolean } } };
  type WhosaidEntry =
    | { __typename: 'Claim'; text: string; speakers: { slug: string }[] }
    | { __typename: 'Event'; title: string };
  const fromPeer = (entry: PeerEntry) =>
    entry.claimByClaimId
      ? {
          claim: entry.claimByClaimId.text,
          speakers: entry.claimByClaimId.claimSpeakersByClaimId.nodes.map((speaker) => speaker.actorByActorId.slug),
        }
      : { event: entry.eventByEventId!.title };
  const fromWhosaid = (entry: WhosaidEntry) =>
    entry.__typename === 'Claim'
      ? { claim: entry.text, speakers: entry.speakers.map((speaker) => speaker.slug) }
      : { event: entry.title };

  it("pages through the timeline's claims and events by the last entry's keys, in whosaid's order", async () => {
    const entries: PeerEntry[] = [];
    let variables = await postgraphileMix.timelinePage1.variables(subjects, ask, 5);
    for (;;) {
      const page = (await ask(postgraphileMix.timelinePage1.document, variables)) as PeerTimeline;
      entries.push(...page.timeline.nodes);
      if (!page.timeline.pageInfo.hasNextPage) break;
      const last = page.timeline.nodes.at(-1)!;
      variables = {
        ...variables,
        afterStart: last.placedStart,
        afterEnd: last.placedEnd,
        afterKind: last.kind,
        afterId: last.rowId,
      };
    }
    const expected = await data<{ timeline: Edges<WhosaidEntry> }>(whosaid, whosaidMix.timelinePage1.document, {
      first: 100,
      after: null,
    });
    expect(entries.map(fromPeer)).toEqual(nodes(expected.timeline).map(fromWhosaid));
    expect(new Set(entries.map((entry) => entry.kind))).toEqual(new Set([0, 1]));
  });

  it("finds page 1,000's keys by paging, and past the seed's end gives the last page, as whosaid does", async () => {
    const answer = (await run('timelinePage1000', 10)) as PeerTimeline;
    const expected = await data<{ timeline: Edges<WhosaidEntry> & { pageInfo: { hasNextPage: boolean } } }>(
      whosaid,
      whosaidMix.timelinePage1000.document,
      await whosaidMix.timelinePage1000.variables(
        subjects,
        (document, variables) => data(whosaid, document, variables),
        10,
      ),
    );
    expect(answer.timeline.nodes.map(fromPeer)).toEqual(nodes(expected.timeline).map(fromWhosaid));
    expect(answer.timeline.nodes).not.toEqual([]);
    expect(answer.timeline.pageInfo.hasNextPage).toBe(false);
  });

  it("searches claims through whosaid's index expression, ranked as whosaid ranks its claim hits", async () => {
    const answer = (await run('search', 10)) as { searchClaims: Edges<{ text: string }> };
    const expected = await data<{ search: Edges<{ text: string }> }>(
      whosaid,
      `{ search(query: "russia ally", types: [CLAIM], first: 10) { edges { node { ... on Claim { text } } } } }`,
    );
    expect(nodes(answer.searchClaims).map((claim) => claim.text)).toEqual(
      nodes(expected.search).map((claim) => claim.text),
    );
  });

  it('answers the deep nested question with the facts whosaid gives, in its shape', async () => {
    type Named = { name: string };
    type Counts = Record<'supports' | 'opposes' | 'mixed' | 'neutral', { totalCount: number }>;
    type PeerClaim = {
      text: string;
      claimSpeakersByClaimId: {
        nodes: {
          actorByActorId: Named & {
            actorRolesByActorId: { nodes: { title: string; actorByOrganizationId: Named | null }[] };
          };
        }[];
      };
      sourceBySourceId: {
        title: string;
        actorByPublisherId: Named | null;
        sourceAuthorsBySourceId: { nodes: { actorByActorId: Named }[] };
      };
      claimStancesByClaimId: {
        nodes: { stance: string; propositionByPropositionId: { statement: string } & Counts }[];
      };
      claimEventsByClaimId: {
        nodes: {
          eventByEventId: {
            title: string;
            eventParticipantsByEventId: { nodes: { role: string | null; actorByActorId: Named }[] };
          };
        }[];
      };
    };
    type WhosaidClaim = {
      text: string;
      speakers: (Named & { roles: { title: string; organization: Named | null }[] })[];
      reportedIn: { source: { title: string; publisher: Named | null; authors: Named[] } };
      stances: { stance: string; proposition: { statement: string; stanceSummary: Record<keyof Counts, number> } }[];
      events: { title: string; participants: { role: string | null; actor: Named }[] }[];
    };
    const answer = (await run('deepNested')) as {
      actorBySlug: Named & { claimSpeakersByActorId: Edges<{ claimByClaimId: PeerClaim }> };
    };
    const expected = await data<{ actor: Named & { claims: Edges<WhosaidClaim> } }>(
      whosaid,
      whosaidMix.deepNested.document,
      {
        slug: 'vox',
        first: PAGE,
      },
    );
    const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);
    const fromPeer = nodes(answer.actorBySlug.claimSpeakersByActorId).map(({ claimByClaimId: claim }) => ({
      text: claim.text,
      speakers: claim.claimSpeakersByClaimId.nodes.map(({ actorByActorId: speaker }) => ({
        name: speaker.name,
        roles: speaker.actorRolesByActorId.nodes.map((role) => ({
          title: role.title,
          organization: role.actorByOrganizationId,
        })),
      })),
      source: {
        title: claim.sourceBySourceId.title,
        publisher: claim.sourceBySourceId.actorByPublisherId,
        authors: claim.sourceBySourceId.sourceAuthorsBySourceId.nodes.map((author) => author.actorByActorId),
      },
      stances: claim.claimStancesByClaimId.nodes.map(({ stance, propositionByPropositionId: proposition }) => ({
        stance,
        statement: proposition.statement,
        summary: [proposition.supports, proposition.opposes, proposition.mixed, proposition.neutral].map(
          (count) => count.totalCount,
        ),
      })),
      events: claim.claimEventsByClaimId.nodes
        .map(({ eventByEventId: event }) => ({
          title: event.title,
          participants: event.eventParticipantsByEventId.nodes.map((participant) => ({
            role: participant.role,
            actor: participant.actorByActorId,
          })),
        }))
        .sort(byTitle),
    }));
    const fromWhosaid = nodes(expected.actor.claims).map((claim) => ({
      text: claim.text,
      speakers: claim.speakers,
      source: claim.reportedIn.source,
      stances: claim.stances.map(({ stance, proposition }) => ({
        stance,
        statement: proposition.statement,
        summary: [
          proposition.stanceSummary.supports,
          proposition.stanceSummary.opposes,
          proposition.stanceSummary.mixed,
          proposition.stanceSummary.neutral,
        ],
      })),
      events: [...claim.events].sort(byTitle),
    }));
    expect(answer.actorBySlug.name).toBe(expected.actor.name);
    expect(fromPeer).toEqual(fromWhosaid);
    expect(fromPeer.flatMap((claim) => claim.events)).not.toEqual([]);
  });

  it('records a claim with its speaker, stance and report, a new one for each request, that whosaid then reads', async () => {
    const entry = postgraphileMix.mutationMix;
    const base = await entry.variables(subjects, ask, PAGE);
    for (const n of [0, 1]) await ask(entry.document, entry.perRequest!(base, n));
    const recorded = await data<{
      claims: Edges<{
        text: string;
        speakers: { slug: string }[];
        stances: { stance: string; proposition: { slug: string } }[];
        reportedIn: { text: string; source: { url: string } };
      }>;
    }>(
      whosaid,
      `{ claims(filter: { saidFrom: "2017-05-31", saidTo: "2017-05-31" }) { edges { node { text speakers { slug }
        stances { stance proposition { slug } } reportedIn { text source { url } } } } } }`,
    );
    const stance = { stance: 'SUPPORTS', proposition: { slug: 'russia-is-an-ally-against-isis' } };
    const recordedClaim = (text: string) => ({
      text,
      speakers: [{ slug: 'vox' }],
      stances: [stance],
      reportedIn: { text, source: { url: VOX_URL } },
    });
    expect(nodes(recorded.claims)).toEqual([
      recordedClaim('Benchmark claim recorded through PostGraphile. (1)'),
      recordedClaim('Benchmark claim recorded through PostGraphile. (0)'),
    ]);
  });

  it("records the small pair's claim by that pair's actor on that pair's proposition", async () => {
    const entry = postgraphileMix.mutationMixSmallPair;
    await ask(entry.document, entry.perRequest!(await entry.variables(subjects, ask, PAGE), 0));
    const recorded = await data<{
      actor: { claims: Edges<{ text: string; stances: { stance: string; proposition: { slug: string } }[] }> };
    }>(
      whosaid,
      `{ actor(slug: "john-mccain") { claims(first: 1) { edges { node { text stances { stance proposition { slug } } } } } } }`,
    );
    expect(nodes(recorded.actor.claims)).toEqual([
      {
        text: 'Benchmark claim recorded through PostGraphile. (0)',
        stances: [{ stance: 'SUPPORTS', proposition: { slug: 'russia-targets-civilians-in-syria' } }],
      },
    ]);
  });
});
