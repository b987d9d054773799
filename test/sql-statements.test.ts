import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { CUT_SHORT_BUNDLE, WORD_CHANGED_BUNDLE } from './support/many-reports.js';

// Nested selections are loaded with the page, not one query per row: the statement count depends on the query's
// shape and never on how many rows it returns.
const QUERIES = {
  'an actor with nested claims': `query ($n: Int) { actor(slug: "sam-senator") { name roles { title }
      claims(first: $n) { totalCount edges { node { text saidOn { value } speakers { slug } via { slug } venue { name }
        reportedIn { source { title publisher { name } } } stances { stance proposition { slug } } events { slug } } } }
      positions { stance since { value } proposition { slug } evidence { text } } } }`,
  'filtered claims': `query ($n: Int) { claims(filter: { speaker: "sam-senator", saidFrom: "2016-01-01" }, first: $n) {
      totalCount edges { node { text speakers { name } stances { stance } } } } }`,
  'events with participants and claims': `query ($n: Int) { events(first: $n) { totalCount edges { node { slug
      participants { role actor { slug } } claims(first: 3) { totalCount edges { node { text } } } } } } }`,
  'positions on a date, with their history, and shifts': `query ($n: Int) { propositions(first: $n) { edges { node { slug
      positions(asOf: "2017-06-30") { stance since { value } actor { slug } evidence { text }
        history { stance changed on { value } evidence { text } } }
      shifts { from to actor { slug } before { text } beforeOn { value } after { text } afterOn { value } } } } }
      actor(slug: "sam-senator") { shifts { from to proposition { slug } } } }`,
  'propositions with positions and stance statistics': `query ($n: Int) { propositions(first: $n) { totalCount edges { node { slug
      positions { stance actor { slug name } evidence { text } } stanceSummary { supports opposes }
      stanceOverTime(bucket: MONTH) { period supports } } } } }`,
  'propositions with a page of their positions': `query ($n: Int) { propositions(first: $n) { edges { node { slug
      positionsConnection(first: 5) { totalCount edges { node { stance since { value } actor { slug } evidence { text } } } }
      } } } }`,
  'the timeline of claims and events': `query ($n: Int) { timeline(filter: { from: "2017-01-01" }, first: $n) { totalCount
      edges { node { __typename ... on Claim { text speakers { slug } stances { stance proposition { slug } } }
        ... on Event { slug participants { role actor { slug } } } } } } }`,
  "claims with their reports' differences from the baseline": `query ($n: Int) { claims(first: $n) { edges { node {
      reports(first: 5) { edges { node { baseline drifted drift differences { kind text was } } } } } } } }`,
  "a claim's reports, with their differences": `query ($n: Int) { claims(filter: { speaker: "donald-trump" }, first: 1) {
      edges { node { reports(first: $n) { totalCount edges { node { differences { kind text } claim { key } } } } } } } }`,
  'claims with all their reports': `query ($n: Int) { claims(first: $n) { totalCount edges { node { text
      reports(first: 5) { totalCount edges { node { primary text mode publishedOn { value } source { url publisher { name } } } } }
      firstReport { source { url } } primaryReport { source { title } } reportedIn { source { url } } firstAppearedIn { url }
      } } } }`,
  "a source's claims through its reports": `query ($n: Int) { source(url: "https://example.org/archive") {
      claims(first: $n) { totalCount edges { node { text firstReport { text } } } } } }`,
  'actors, sources and events with their identifiers': `query ($n: Int) {
      actors(first: $n) { edges { node { slug identifiers { scheme value url } sameAs roles { title } } } }
      sources(first: $n) { edges { node { url identifiers { scheme value } sameAs } } }
      events(first: $n) { edges { node { slug sameAs participants { actor { sameAs } } } } }
      actor(identifier: { scheme: WIKIDATA, value: "Q22686" }) { slug sameAs } }`,
  'claims filtered by verdict, with their reviews and ClaimReview markup': `query ($n: Int) {
      claims(filter: { reviewed: true, rating: { atMost: 0.5, reviewer: "fact-desk" } }, first: $n) { totalCount
        edges { node { reviews { url rating { alternateName score } reviewer { name } } claimReviewJsonLd } } } }`,
  'search results with their claims': `query ($n: Int) { search(query: "statement", types: [CLAIM], first: $n) { edges { rank snippet
      node { ... on Claim { text speakers { name } stances { stance proposition { slug } } events { slug } } } } } }`,
};

// The timeline's page is one statement and its count another; its claims and its events load in one batch each. The
// timeline and search run in one read-only transaction as well, whose BEGIN and COMMIT are not counted here.
const MOST_STATEMENTS: Partial<Record<keyof typeof QUERIES, number>> = {
  'the timeline of claims and events': 4,
  // One statement for each of the four root fields.
  'actors, sources and events with their identifiers': 4,
};

const manyClaims = {
  source: { url: 'https://example.org/archive', title: 'An archive', kind: 'REPORT', publishedOn: { value: '2018' } },
  actors: [
    { slug: 'sam-senator', name: 'Sam Senator', kind: 'PERSON', roles: [{ title: 'senator' }] },
    { slug: 'fact-desk', name: 'Fact Desk', kind: 'ORGANIZATION' },
  ],
  propositions: Array.from({ length: 30 }, (_, i) => ({ slug: `proposition-${i}`, statement: `Proposition ${i}` })),
  events: Array.from({ length: 30 }, (_, i) => ({
    slug: `event-${i}`,
    title: `Event ${i}`,
    occurredOn: { value: `2017-${String((i % 12) + 1).padStart(2, '0')}` },
    participants: [{ actor: 'sam-senator', role: 'speaker' }],
  })),
  claims: Array.from({ length: 60 }, (_, i) => ({
    text: `Statement number ${i}`,
    mode: 'DIRECT_QUOTE',
    speakers: ['sam-senator'],
    medium: 'SPEECH',
    saidOn: { value: `2017-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}` },
    // Each proposition gets two claims (i and i + 30) on opposite sides: a shift each.
    stances: [{ proposition: `proposition-${i % 30}`, stance: (i % 2 === 0) === i < 30 ? 'SUPPORTS' : 'OPPOSES' }],
    events: [`event-${i % 30}`],
    // Every claim fact-checked twice, on a scale of 1 to 5.
    reviews: [1, 2].map((n) => ({
      reviewer: 'fact-desk',
      url: `https://fact-desk.example.org/checks/${i}/${n}`,
      publishedOn: { value: '2018' },
      rating: { alternateName: n === 1 ? 'False' : 'Half True', ratingValue: n * 2 - 1, bestRating: 5, worstRating: 1 },
    })),
  })),
};

describe.each(backends)('SQL statements per request on %s', (backend) => {
  let database: TestDatabase;
  let graphql: GraphQLClient;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await seedDatabase(database.db);
    await importSourceBundle(database.db, manyClaims);
    // Two more reports of the seed's Trump claim, each with differences from its primary report.
    await importSourceBundle(database.db, WORD_CHANGED_BUNDLE);
    await importSourceBundle(database.db, CUT_SHORT_BUNDLE);
    graphql = graphqlClient(database.db);
  });
  afterAll(() => database.close());

  // From 2: the timeline's first two entries are a claim and an event.
  it.each(Object.entries(QUERIES))('stay the same for %s as the page grows from 2 to 50', async (name, query) => {
    const statementsFor = async (n: number) => {
      database.statements.length = 0;
      await data(graphql, query, { n });
      return database.statements.length;
    };
    const counts = [await statementsFor(2), await statementsFor(10), await statementsFor(50)];
    expect(counts[0]).toBeLessThanOrEqual(MOST_STATEMENTS[name as keyof typeof QUERIES] ?? 2);
    expect(new Set(counts).size).toBe(1);
  });
});
