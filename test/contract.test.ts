import { describe, expect, it } from 'vitest';
import { backends } from './support/databases.js';
import { data } from './support/graphql.js';
import { seededApi } from './support/seeded-api.js';

// The queries the read API promises its clients, answered from the seed article.
describe.each(backends)('the contract queries on %s', (backend) => {
  const api = seededApi(backend);

  it('answers who Trump is, what he said on Fox News and where he stands', async () => {
    const result = await data(
      api.graphql,
      `{
        actor(slug: "donald-trump") {
          name kind roles { title organization { name } start { value } end { value } }
          claims(first: 10) {
            totalCount
            edges { node { text mode medium saidOn { value precision start end approximate text }
              speakers { slug name } speakerDescription via { slug name } venue { name }
              reportedIn { source { title url publisher { name } } } firstAppearedIn { title }
              stances { stance proposition { slug } } events { slug title } } }
            pageInfo { hasNextPage }
          }
          positions { stance since { value } proposition { slug statement } evidence { text } }
        }
      }`,
    );
    expect(result).toMatchInlineSnapshot(`
      {
        "actor": {
          "claims": {
            "edges": [
              {
                "node": {
                  "events": [
                    {
                      "slug": "trump-shares-intelligence-with-lavrov-and-kislyak",
                      "title": "Trump shares classified intelligence about ISIS with Lavrov and Kislyak",
                    },
                  ],
                  "firstAppearedIn": null,
                  "medium": "OTHER",
                  "mode": "CHARACTERIZATION",
                  "reportedIn": {
                    "source": {
                      "publisher": {
                        "name": "Vox",
                      },
                      "title": "Experts to Trump: Russia is not our ally in the war on ISIS",
                      "url": "https://www.vox.com/world/2017/5/16/15646202/trump-russia-isis-syria-assad",
                    },
                  },
                  "saidOn": null,
                  "speakerDescription": null,
                  "speakers": [
                    {
                      "name": "Donald Trump",
                      "slug": "donald-trump",
                    },
                  ],
                  "stances": [
                    {
                      "proposition": {
                        "slug": "russia-is-an-ally-against-isis",
                      },
                      "stance": "SUPPORTS",
                    },
                  ],
                  "text": "Russia, he argues, is a vital ally in the war against ISIS.",
                  "venue": null,
                  "via": null,
                },
              },
              {
                "node": {
                  "events": [
                    {
                      "slug": "fox-news-interview-of-trump-2017-02-05",
                      "title": "Bill O'Reilly interviews Donald Trump on Fox News",
                    },
                  ],
                  "firstAppearedIn": {
                    "title": "Bill O'Reilly's interview of Donald Trump",
                  },
                  "medium": "INTERVIEW",
                  "mode": "DIRECT_QUOTE",
                  "reportedIn": {
                    "source": {
                      "publisher": {
                        "name": "Vox",
                      },
                      "title": "Experts to Trump: Russia is not our ally in the war on ISIS",
                      "url": "https://www.vox.com/world/2017/5/16/15646202/trump-russia-isis-syria-assad",
                    },
                  },
                  "saidOn": {
                    "approximate": false,
                    "end": "2017-02-05",
                    "precision": "DAY",
                    "start": "2017-02-05",
                    "text": "February 5",
                    "value": "2017-02-05",
                  },
                  "speakerDescription": null,
                  "speakers": [
                    {
                      "name": "Donald Trump",
                      "slug": "donald-trump",
                    },
                  ],
                  "stances": [
                    {
                      "proposition": {
                        "slug": "russia-is-an-ally-against-isis",
                      },
                      "stance": "SUPPORTS",
                    },
                  ],
                  "text": "it's better to get along with Russia than not. And if Russia helps us in the fight against ISIS, which is a major fight, and Islamic terrorism all over the world — that's a good thing.",
                  "venue": {
                    "name": "Fox News",
                  },
                  "via": null,
                },
              },
            ],
            "pageInfo": {
              "hasNextPage": false,
            },
            "totalCount": 2,
          },
          "kind": "PERSON",
          "name": "Donald Trump",
          "positions": [
            {
              "evidence": {
                "text": "Russia, he argues, is a vital ally in the war against ISIS.",
              },
              "proposition": {
                "slug": "russia-is-an-ally-against-isis",
                "statement": "Russia is an ally of the United States in the fight against ISIS",
              },
              "since": {
                "value": "2017-02-05",
              },
              "stance": "SUPPORTS",
            },
          ],
          "roles": [
            {
              "end": null,
              "organization": {
                "name": "United States government",
              },
              "start": null,
              "title": "President of the United States",
            },
          ],
        },
      }
    `);
  });

  it('lists who opposes the proposition that Russia is an ally against ISIS, with evidence', async () => {
    const result = await data(
      api.graphql,
      `{
        proposition(slug: "russia-is-an-ally-against-isis") {
          statement
          positions(stance: OPPOSES) { stance actor { slug name } evidence { text saidOn { value } } }
        }
      }`,
    );
    expect(result).toMatchInlineSnapshot(`
      {
        "proposition": {
          "positions": [
            {
              "actor": {
                "name": "Jim Townsend",
                "slug": "jim-townsend",
              },
              "evidence": {
                "saidOn": null,
                "text": "It's a different kind of fight for them.",
              },
              "stance": "OPPOSES",
            },
            {
              "actor": {
                "name": "Ben Cardin",
                "slug": "ben-cardin",
              },
              "evidence": {
                "saidOn": null,
                "text": "believes [Russian] actions in Syria have exacerbated the conditions that have allowed ISIS to flourish.",
              },
              "stance": "OPPOSES",
            },
            {
              "actor": {
                "name": "Vox",
                "slug": "vox",
              },
              "evidence": {
                "saidOn": null,
                "text": "Russia says it is helping to defeat ISIS when it really is not. Instead, Moscow is helping the Assad regime to stay in power because Assad remains one of Putin's top allies in the Middle East.",
              },
              "stance": "OPPOSES",
            },
          ],
          "statement": "Russia is an ally of the United States in the fight against ISIS",
        },
      }
    `);
  });

  it('keeps Townsend\'s "NO!!!!!" as a direct quote from a written exchange', async () => {
    const result = await data<{ actor: { claims: { edges: { node: unknown }[] } } }>(
      api.graphql,
      `{ actor(slug: "jim-townsend") { claims(first: 10) { edges { node { text mode medium context } } } } }`,
    );
    expect(result.actor.claims.edges.map((edge) => edge.node)).toContainEqual({
      text: 'NO!!!!!',
      mode: 'DIRECT_QUOTE',
      medium: 'WRITTEN_EXCHANGE',
      context: 'Asked by the reporter whether Russia is an ally in the anti-ISIS fight',
    });
  });

  it("attributes Cardin's words to him, spoken through Sean Bartlett", async () => {
    const result = await data(
      api.graphql,
      `{ claims(filter: { via: "sean-bartlett" }, orderBy: SAID_ON_ASC, first: 10) {
          edges { node { text speakers { slug } via { slug name } mode medium } } } }`,
    );
    expect(result).toEqual({
      claims: {
        edges: [
          {
            node: {
              text: "wouldn't characterize the Russians as allies in the fight against ISIS.",
              speakers: [{ slug: 'ben-cardin' }],
              via: { slug: 'sean-bartlett', name: 'Sean Bartlett' },
              mode: 'PARTIAL_QUOTE',
              medium: 'OTHER',
            },
          },
          {
            node: {
              text: 'believes [Russian] actions in Syria have exacerbated the conditions that have allowed ISIS to flourish.',
              speakers: [{ slug: 'ben-cardin' }],
              via: { slug: 'sean-bartlett', name: 'Sean Bartlett' },
              mode: 'PARTIAL_QUOTE',
              medium: 'OTHER',
            },
          },
        ],
      },
    });
  });

  it('keeps the anonymous official as a described speaker with the reason given', async () => {
    const result = await data(
      api.graphql,
      `{ claims(filter: { anonymous: true, mode: PARTIAL_QUOTE }, first: 10) {
          totalCount edges { node { text speakers { slug } speakerDescription anonymityReason anonymous context } } } }`,
    );
    expect(result).toEqual({
      claims: {
        totalCount: 1,
        edges: [
          {
            node: {
              text: 'the Russians were working toward their own interests, which occasionally looked like they overlapped with ours but often did not.',
              speakers: [],
              speakerDescription: 'another former senior Pentagon official',
              anonymityReason: 'speaking on condition of anonymity',
              anonymous: true,
              context: 'during his time in office',
            },
          },
        ],
      },
    });
  });

  it('gives the Kahl and Brands op-ed two speakers, in order, and a date to the month', async () => {
    const result = await data(
      api.graphql,
      `{ claims(filter: { medium: OP_ED }, first: 10) { edges { node {
          speakers { slug } venue { name } saidOn { value precision start end approximate text }
          firstAppearedIn { kind publisher { name } authors { slug } publishedOn { value } } } } } }`,
    );
    expect(result).toEqual({
      claims: {
        edges: [
          {
            node: {
              speakers: [{ slug: 'colin-kahl' }, { slug: 'hal-brands' }],
              venue: { name: 'Foreign Policy' },
              saidOn: {
                value: '2017-02',
                precision: 'MONTH',
                start: '2017-02-01',
                end: '2017-02-28',
                approximate: false,
                text: 'last February',
              },
              firstAppearedIn: {
                kind: 'OP_ED',
                publisher: { name: 'Foreign Policy' },
                authors: [{ slug: 'colin-kahl' }, { slug: 'hal-brands' }],
                publishedOn: { value: '2017-02' },
              },
            },
          },
        ],
      },
    });
  });

  it('filters claims by every field at once', async () => {
    const result = await data(
      api.graphql,
      `{ claims(filter: { saidFrom: "2017-02-01", saidTo: "2017-02-28", speaker: "donald-trump",
                          proposition: "russia-is-an-ally-against-isis", stance: SUPPORTS, medium: INTERVIEW,
                          anonymous: false, event: "fox-news-interview-of-trump-2017-02-05" },
                 orderBy: SAID_ON_DESC, first: 20) { totalCount edges { node { text saidOn { value } } } } }`,
    );
    expect(result).toEqual({
      claims: {
        totalCount: 1,
        edges: [
          {
            node: {
              text: "it's better to get along with Russia than not. And if Russia helps us in the fight against ISIS, which is a major fight, and Islamic terrorism all over the world — that's a good thing.",
              saidOn: { value: '2017-02-05' },
            },
          },
        ],
      },
    });
  });

  it('lists the events of February and March 2017 with their participants and claims', async () => {
    const result = await data(
      api.graphql,
      `{ events(filter: { from: "2017-02-01", to: "2017-03-31" }, first: 20) {
          edges { node { slug title kind occurredOn { value precision approximate } location
                         participants { role actor { name } } claims(first: 5) { totalCount } } } } }`,
    );
    expect(result).toMatchInlineSnapshot(`
      {
        "events": {
          "edges": [
            {
              "node": {
                "claims": {
                  "totalCount": 1,
                },
                "kind": "report",
                "location": null,
                "occurredOn": {
                  "approximate": false,
                  "precision": "MONTH",
                  "value": "2017-02",
                },
                "participants": [
                  {
                    "actor": {
                      "name": "Atlantic Council",
                    },
                    "role": "author",
                  },
                ],
                "slug": "atlantic-council-report-on-hospital-bombings",
                "title": "Atlantic Council report on the bombing of hospitals in Syria",
              },
            },
            {
              "node": {
                "claims": {
                  "totalCount": 1,
                },
                "kind": "interview",
                "location": null,
                "occurredOn": {
                  "approximate": false,
                  "precision": "DAY",
                  "value": "2017-02-05",
                },
                "participants": [
                  {
                    "actor": {
                      "name": "Donald Trump",
                    },
                    "role": "interviewee",
                  },
                  {
                    "actor": {
                      "name": "Bill O'Reilly",
                    },
                    "role": "interviewer",
                  },
                  {
                    "actor": {
                      "name": "Fox News",
                    },
                    "role": "broadcaster",
                  },
                ],
                "slug": "fox-news-interview-of-trump-2017-02-05",
                "title": "Bill O'Reilly interviews Donald Trump on Fox News",
              },
            },
            {
              "node": {
                "claims": {
                  "totalCount": 3,
                },
                "kind": "bombing",
                "location": "Syria",
                "occurredOn": {
                  "approximate": true,
                  "precision": "DAY",
                  "value": "2017-03-01",
                },
                "participants": [
                  {
                    "actor": {
                      "name": "Russian government",
                    },
                    "role": "attacker",
                  },
                ],
                "slug": "russian-bombing-near-us-troops",
                "title": "Russia bombs sites a few miles from US troops",
              },
            },
          ],
        },
      }
    `);
  });

  it('finds the Townsends by part of their name', async () => {
    const result = await data(
      api.graphql,
      `{ actors(filter: { search: "Town", kind: PERSON }, first: 20) { totalCount edges { node { slug name } } } }`,
    );
    expect(result).toEqual({
      actors: {
        totalCount: 2,
        edges: [
          { node: { slug: 'jim-townsend', name: 'Jim Townsend' } },
          { node: { slug: 'stephen-townsend', name: 'Stephen Townsend' } },
        ],
      },
    });
  });

  it("lists the propositions with everyone's positions", async () => {
    const result = await data(
      api.graphql,
      `{ propositions(first: 20) { totalCount edges { node { slug statement positions { stance actor { slug } } } } } }`,
    );
    expect(result).toMatchInlineSnapshot(`
      {
        "propositions": {
          "edges": [
            {
              "node": {
                "positions": [
                  {
                    "actor": {
                      "slug": "jim-townsend",
                    },
                    "stance": "SUPPORTS",
                  },
                  {
                    "actor": {
                      "slug": "colin-kahl",
                    },
                    "stance": "SUPPORTS",
                  },
                  {
                    "actor": {
                      "slug": "hal-brands",
                    },
                    "stance": "SUPPORTS",
                  },
                  {
                    "actor": {
                      "slug": "vox",
                    },
                    "stance": "SUPPORTS",
                  },
                ],
                "slug": "russia-aims-to-keep-assad-in-power",
                "statement": "Russia's main goal in Syria is to keep Bashar al-Assad in power",
              },
            },
            {
              "node": {
                "positions": [
                  {
                    "actor": {
                      "slug": "vox",
                    },
                    "stance": "SUPPORTS",
                  },
                ],
                "slug": "russia-bombs-us-backed-forces",
                "statement": "Russia has bombed US-backed forces in Syria",
              },
            },
            {
              "node": {
                "positions": [
                  {
                    "actor": {
                      "slug": "donald-trump",
                    },
                    "stance": "SUPPORTS",
                  },
                  {
                    "actor": {
                      "slug": "jim-townsend",
                    },
                    "stance": "OPPOSES",
                  },
                  {
                    "actor": {
                      "slug": "ben-cardin",
                    },
                    "stance": "OPPOSES",
                  },
                  {
                    "actor": {
                      "slug": "united-states-government",
                    },
                    "stance": "SUPPORTS",
                  },
                  {
                    "actor": {
                      "slug": "us-department-of-defense",
                    },
                    "stance": "NEUTRAL",
                  },
                  {
                    "actor": {
                      "slug": "vox",
                    },
                    "stance": "OPPOSES",
                  },
                ],
                "slug": "russia-is-an-ally-against-isis",
                "statement": "Russia is an ally of the United States in the fight against ISIS",
              },
            },
            {
              "node": {
                "positions": [
                  {
                    "actor": {
                      "slug": "john-mccain",
                    },
                    "stance": "SUPPORTS",
                  },
                  {
                    "actor": {
                      "slug": "james-le-mesurier",
                    },
                    "stance": "SUPPORTS",
                  },
                  {
                    "actor": {
                      "slug": "atlantic-council",
                    },
                    "stance": "SUPPORTS",
                  },
                  {
                    "actor": {
                      "slug": "vox",
                    },
                    "stance": "SUPPORTS",
                  },
                ],
                "slug": "russia-targets-civilians-in-syria",
                "statement": "Russia has attacked civilians and hospitals in Syria",
              },
            },
          ],
          "totalCount": 4,
        },
      }
    `);
  });

  it('finds the source by url and counts its claims', async () => {
    const result = await data(
      api.graphql,
      `{ source(url: "https://www.vox.com/world/2017/5/16/15646202/trump-russia-isis-syria-assad") {
          title kind publisher { slug } publishedOn { value precision } claims(first: 50) { totalCount } } }`,
    );
    expect(result).toEqual({
      source: {
        title: 'Experts to Trump: Russia is not our ally in the war on ISIS',
        kind: 'ARTICLE',
        publisher: { slug: 'vox' },
        publishedOn: { value: '2017-05-16', precision: 'DAY' },
        claims: { totalCount: 29 },
      },
    });
  });

  it('fetches any object again by its global id', async () => {
    const { actor } = await data<{ actor: { id: string } }>(api.graphql, `{ actor(slug: "ben-cardin") { id } }`);
    const result = await data(
      api.graphql,
      `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Actor { slug } } }`,
      {
        ids: [actor.id],
      },
    );
    expect(result).toEqual({ nodes: [{ __typename: 'Actor', slug: 'ben-cardin' }] });
  });

  it('answers null for unknown slugs and urls', async () => {
    const result = await data(
      api.graphql,
      `{ actor(slug: "nobody") { name } proposition(slug: "nothing") { slug } event(slug: "never") { slug }
         source(url: "https://example.com/none") { title } }`,
    );
    expect(result).toEqual({ actor: null, proposition: null, event: null, source: null });
  });

  it('rejects a malformed date in a filter with an error that names it', async () => {
    const result = await api.graphql(`{ claims(filter: { saidFrom: "2017-02-30" }, first: 1) { totalCount } }`);
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((error) => error.message)).toEqual([
      'Invalid Date: "2017-02-30" has no day 30: that month has 28 days',
    ]);
  });
});
