import fc from 'fast-check';

// Inputs a careless or hostile client may send: mostly well-formed, with the kinds of wrong a parser must survive.

const SLUGS = [
  'donald-trump',
  'vox',
  'russia-is-an-ally-against-isis',
  'ben-cardin',
  'fuzz-actor',
  'fuzz-event',
  'fuzz-proposition',
];
const DATES = [
  '2017-05-16',
  '2017-02',
  '2017',
  '2017-02-29',
  '2016-02-29',
  '2017-02-30',
  '2017-13-01',
  '0000-01-01',
  '9999-12-31',
  '10000-01-01',
  '2017-5-6',
  ' 2017',
  '2017-02-05T10:00:00Z',
  '',
];

/** Strings that have broken parsers and queries before: quotes, wildcards, NULs, lone surrogates, tsquery syntax. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    "'",
    '"',
    '\\',
    '%',
    '_',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFF\uD800',
    '😀',
    '«»',
    '--',
    '; DROP TABLE claims; --',
    '-',
    'or',
    '" or "',
    '!',
    '&|!():*',
    "'::int",
    'null',
    'NaN',
    '-1',
    '2147483648',
    '1e309',
    '\n\t\r',
    '<script>',
    '\u202e',
    ...SLUGS,
    ...DATES,
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('a', '-', ' ', '"', "'", '\u0000', '«', ':', '\\'), maxLength: 30 }),
  fc.nat(30_000).map((length) => 'x'.repeat(length)),
);

/** Cursors: garbage, base64 of garbage, and cursors shaped like each of whosaid's with wrong parts. */
export const cursor: fc.Arbitrary<string> = fc.oneof(
  nastyString,
  nastyString.map((text) => Buffer.from(text).toString('base64')),
  fc
    .tuple(
      fc.constantFrom('DC:', 'DC:N:', 'DC:S:', 'DC:D:', 'DC:J:', 'DC:T:', 'Timeline:', 'search:', 'GraphQLCursor:', ''),
      fc.oneof(
        nastyString,
        fc.json({ maxDepth: 3 }),
        fc.integer().map(String),
        fc.constantFrom(
          '1',
          '-1',
          '1.5',
          '99999999999',
          '["N:1","N:2"]',
          '[]',
          '[[[]]]',
          '2017-01-01:2017-01-01:CLAIM:1',
          '0.5:CLAIM:1',
          'NaN:CLAIM:1',
          'Infinity:EVENT:2',
        ),
      ),
    )
    .map(([prefix, rest]) => Buffer.from(prefix + rest).toString('base64')),
);

export const pageSize: fc.Arbitrary<number | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -3, max: 120 }),
  fc.constantFrom(0, 100, 101, 2_147_483_647, -2_147_483_648),
);

/** Any JSON value, sometimes deeply nested: what a variable may hold when the client ignores its type. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 3 }),
  nastyString,
  fc
    .nat(60)
    .map((depth) =>
      Array.from({ length: depth }).reduce<unknown>(
        (inner, _, level) => (level % 2 ? { value: inner } : [inner]),
        'deep',
      ),
    ),
);

/** A value for a field that should hold a string, a date, a slug or an enum: usually plausible, often not. */
export const fieldValue = (plausible: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: plausible },
    { weight: 2, arbitrary: nastyString },
    { weight: 1, arbitrary: anyJson },
  );

export const slug = fc.oneof(fc.constantFrom(...SLUGS), fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/));
export const date = fc.oneof(
  fc.constantFrom(...DATES),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
export const partialDate = fc.record(
  { value: date, approximate: fc.boolean(), text: fc.string({ maxLength: 20 }) },
  { requiredKeys: ['value'] },
);

const words = fc
  .string({ unit: fc.constantFrom('a', 'b', 'e', 'r', ' ', '.'), minLength: 1, maxLength: 60 })
  .filter((w) => w.trim() !== '');
const validDay = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const validPartialDate = fc.record(
  {
    value: fc.oneof(
      validDay,
      validDay.map((d) => d.slice(0, 7)),
      validDay.map((d) => d.slice(0, 4)),
    ),
    approximate: fc.boolean(),
  },
  { requiredKeys: ['value'] },
);

// The bundle defines these, or the seed has them: a bundle's references resolve unless a perturbation breaks them.
const DEFINED = {
  actors: ['fuzz-actor-1', 'fuzz-actor-2'],
  propositions: ['fuzz-proposition'],
  events: ['fuzz-event'],
};
const KNOWN = {
  actors: [...DEFINED.actors, 'donald-trump', 'vox', 'ben-cardin'],
  propositions: [...DEFINED.propositions, 'russia-is-an-ally-against-isis'],
  events: [...DEFINED.events, 'bombing-of-aleppo'],
};

/** A valid source bundle: a source, the actors, proposition and event it defines, and claims that refer to them. */
export const bundle = fc
  .record({
    suffix: fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', '2'), minLength: 1, maxLength: 6 }),
    actorNames: fc.tuple(words, words),
    statement: words,
    event: fc.record({ title: words, occurredOn: validPartialDate }),
    claims: fc.uniqueArray(
      fc.record(
        {
          text: words,
          mode: fc.constantFrom('DIRECT_QUOTE', 'PARAPHRASE', 'PARTIAL_QUOTE', 'CHARACTERIZATION'),
          medium: fc.constantFrom('INTERVIEW', 'REPORT', 'SPEECH'),
          speakers: fc.uniqueArray(fc.constantFrom(...KNOWN.actors), { minLength: 1, maxLength: 2 }),
          saidOn: validPartialDate,
          stances: fc.uniqueArray(
            fc.record({
              proposition: fc.constantFrom(...KNOWN.propositions),
              stance: fc.constantFrom('SUPPORTS', 'OPPOSES'),
            }),
            { maxLength: 1, selector: (s) => s.proposition },
          ),
          events: fc.uniqueArray(fc.constantFrom(...KNOWN.events), { maxLength: 1 }),
        },
        { requiredKeys: ['text', 'mode', 'medium', 'speakers'] },
      ),
      { minLength: 1, maxLength: 4, selector: (c) => c.text },
    ),
    publishedOn: validPartialDate,
  })
  .map(({ suffix, actorNames, statement, event, claims, publishedOn }) => ({
    source: { url: `https://example.org/fuzz/${suffix}`, title: 'Fuzzed', kind: 'ARTICLE', publishedOn },
    actors: DEFINED.actors.map((slug, i) => ({ slug, name: actorNames[i]!, kind: 'PERSON' })),
    propositions: [{ slug: DEFINED.propositions[0]!, statement }],
    events: [{ slug: DEFINED.events[0]!, ...event }],
    claims,
  }));

/** Where in a JSON value a perturbation lands, and what it does there. */
type Perturbation = { at: number; action: 'replace' | 'delete' | 'add'; value: unknown };

const perturbation: fc.Arbitrary<Perturbation> = fc.record({
  at: fc.nat(),
  action: fc.constantFrom('replace', 'replace', 'delete', 'add'),
  // Mostly strings, which pass GraphQL's own type checks and reach whosaid's.
  value: fc.oneof(
    { weight: 3, arbitrary: nastyString },
    { weight: 2, arbitrary: date },
    { weight: 2, arbitrary: slug },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1.5, [], {}) },
  ),
});

/** Applies a perturbation to one of the value's containers or leaves, chosen by `at`. */
export function perturb(value: unknown, { at, action, value: replacement }: Perturbation): unknown {
  const copy = structuredClone(value);
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        slots.push({ parent: node, key: index });
        walk(child);
      });
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        slots.push({ parent: node as Record<string, unknown>, key });
        walk(child);
      }
    }
  };
  walk(copy);
  if (slots.length === 0) return copy;
  const { parent, key } = slots[at % slots.length]!;
  if (action === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (action === 'add' && !Array.isArray(parent)) {
    parent[`unknown${at % 3}`] = replacement;
  } else if (Array.isArray(parent)) {
    parent[key as number] = replacement;
  } else {
    parent[key as string] = replacement;
  }
  return copy;
}

/** A bundle with no, one or a few things wrong with it. */
export const perturbedBundle = fc
  .tuple(bundle, fc.array(perturbation, { maxLength: 3 }))
  .map(([valid, perturbations]) => perturbations.reduce<unknown>(perturb, valid));
