/** A bundle of 1000 claims by 500 new speakers: an import that takes a while. */
export function bigBundle() {
  const actors = Array.from({ length: 500 }, (_, i) => ({
    slug: `speaker-${i}`,
    name: `Speaker ${i}`,
    kind: 'PERSON',
  }));
  return {
    source: {
      url: 'https://example.org/big',
      title: 'A long transcript',
      kind: 'INTERVIEW',
      publishedOn: { value: '2017-05-16' },
    },
    actors,
    propositions: [{ slug: 'big-proposition', statement: 'A thing many people say' }],
    claims: Array.from({ length: 1000 }, (_, i) => ({
      text: `Claim number ${i}, said at length.`,
      mode: 'DIRECT_QUOTE',
      medium: 'INTERVIEW',
      speakers: [`speaker-${i % 500}`],
      stances: [{ proposition: 'big-proposition', stance: i % 2 ? 'SUPPORTS' : 'OPPOSES' }],
    })),
  };
}
