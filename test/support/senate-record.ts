/** The report that records what two senators said: two actors, two propositions, no claims yet. */
export const SENATE_RECORD_URL = 'https://example.org/senate-record';

export const senateRecord = {
  source: { url: SENATE_RECORD_URL, title: 'The Senate record', kind: 'REPORT', publishedOn: { value: '2017-12-31' } },
  actors: [
    { slug: 'sam-senator', name: 'Sam Senator', kind: 'PERSON' },
    { slug: 'rita-rep', name: 'Rita Rep', kind: 'PERSON' },
  ],
  propositions: [
    { slug: 'russia-is-an-ally', statement: 'Russia is an ally' },
    { slug: 'nato-is-obsolete', statement: 'NATO is obsolete' },
  ],
  claims: [],
};
