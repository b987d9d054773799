import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { rowCounts } from './support/row-counts.js';

const MERKEL_TRANSCRIPT =
  'https://www.bundesregierung.de/breg-de/aktuelles/pressekonferenzen/sommerpressekonferenz-von-bundeskanzlerin-merkel-848300';
const GUARDIAN = 'https://www.theguardian.com/world/2015/aug/31/angela-merkel-germany-refugees-we-can-do-this';

// Merkel's words at her summer press conference, in the government's transcript (German, the words as said) ...
const transcript = {
  source: {
    url: MERKEL_TRANSCRIPT,
    title: 'Sommerpressekonferenz von Bundeskanzlerin Merkel',
    kind: 'REPORT',
    publishedOn: { value: '2015-08-31' },
  },
  actors: [{ slug: 'angela-merkel', name: 'Angela Merkel', kind: 'PERSON' }],
  events: [
    {
      slug: 'merkel-summer-press-conference-2015',
      title: 'Summer press conference of the Chancellor',
      occurredOn: { value: '2015-08-31' },
      location: 'Berlin',
    },
  ],
  claims: [
    {
      key: 'merkel-wir-schaffen-das',
      text: 'Wir schaffen das, und dort, wo uns etwas im Wege steht, muss es überwunden werden, muss daran gearbeitet werden.',
      language: 'de',
      context: 'On the refugees coming to Germany',
      mode: 'DIRECT_QUOTE',
      medium: 'PRESS_STATEMENT',
      speakers: ['angela-merkel'],
      saidOn: { value: '2015-08-31' },
      events: ['merkel-summer-press-conference-2015'],
    },
  ],
};

// ... and a newspaper that reports them with its own English translation.
const guardian = {
  source: {
    url: GUARDIAN,
    title: 'Merkel: Germany can cope with the refugees',
    kind: 'ARTICLE',
    publishedOn: { value: '2015-08-31' },
  },
  claims: [
    {
      key: 'merkel-wir-schaffen-das',
      text: 'Wir schaffen das, und dort, wo uns etwas im Wege steht, muss es überwunden werden, muss daran gearbeitet werden.',
      mode: 'DIRECT_QUOTE',
      medium: 'PRESS_STATEMENT',
      speakers: ['angela-merkel'],
      saidOn: { value: '2015-08-31' },
      translations: [
        {
          language: 'en',
          text: 'We can do this, and where something stands in our way, it must be overcome, it must be worked on.',
        },
      ],
    },
  ],
};

// Words in Russian and French, and in Polish, for which Postgres has no stemmer.
const elsewhere = {
  source: {
    url: 'https://example.org/quotes-in-their-languages',
    title: 'Quotes in the languages they were said in',
    kind: 'ARTICLE',
    publishedOn: { value: '2020-01-01' },
  },
  actors: [
    { slug: 'vladimir-putin', name: 'Vladimir Putin', kind: 'PERSON' },
    { slug: 'emmanuel-macron', name: 'Emmanuel Macron', kind: 'PERSON' },
    { slug: 'lech-walesa', name: 'Lech Wałęsa', kind: 'PERSON' },
  ],
  claims: [
    {
      key: 'putin-geopolitical-catastrophe',
      text: 'Крушение Советского Союза было крупнейшей геополитической катастрофой века.',
      language: 'ru',
      mode: 'DIRECT_QUOTE',
      medium: 'SPEECH',
      speakers: ['vladimir-putin'],
      saidOn: { value: '2005-04-25' },
    },
    {
      key: 'macron-brain-death',
      text: "Ce qu'on est en train de vivre, c'est la mort cérébrale de l'OTAN.",
      language: 'FR',
      mode: 'DIRECT_QUOTE',
      medium: 'INTERVIEW',
      speakers: ['emmanuel-macron'],
      saidOn: { value: '2019-10-21' },
    },
    {
      key: 'walesa-i-must',
      text: 'Nie chcę, ale muszę.',
      language: 'pl',
      mode: 'DIRECT_QUOTE',
      medium: 'INTERVIEW',
      speakers: ['lech-walesa'],
      saidOn: { value: '1990' },
    },
  ],
};

const SEARCH = `query ($query: String!) { search(query: $query, types: [CLAIM], first: 20) {
  edges { snippet node { ... on Claim { key } } } } }`;

async function hits(graphql: GraphQLClient, query: string) {
  const page = await data<{ search: { edges: { snippet: string; node: { key: string } }[] } }>(graphql, SEARCH, {
    query,
  });
  return page.search.edges.map(({ snippet, node }) => ({ key: node.key, snippet }));
}

const CLAIM = `query ($key: String!) { claimByKey: claims(first: 5, filter: { speaker: $key }) {
  edges { node { key language translations { language text byEditors translatedBy { url } } } } } }`;

async function claimsOf(graphql: GraphQLClient, speaker: string) {
  const result = await data<{ claimByKey: { edges: { node: unknown }[] } }>(graphql, CLAIM, { key: speaker });
  return result.claimByKey.edges.map((edge) => edge.node);
}

const IMPORT = `mutation ($input: SourceBundleInput!) { importSource(input: $input) { __typename
  ... on MutationImportSourceSuccess { data { claims { created updated unchanged }
    translations { created updated unchanged } } }
  ... on ValidationError { issues { path message } } } }`;

const MERKEL_GERMAN = '«schaffen» das, und dort, wo uns etwas im Wege steht, muss es überwunden werden, muss';

describe.each(backends)('claims in their languages on %s', (backend) => {
  let database: TestDatabase;
  let reader: GraphQLClient;
  let editor: GraphQLClient;
  let merkelId: string;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    reader = graphqlClient(database.db);
    editor = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'desk', 'EDITOR')).key });
    for (const bundle of [transcript, guardian, elsewhere]) {
      expect(await data(editor, IMPORT, { input: bundle })).toEqual({
        importSource: expect.objectContaining({ __typename: 'MutationImportSourceSuccess' }),
      });
    }
    const found = await data<{ search: { edges: { node: { id: string } }[] } }>(
      reader,
      '{ search(query: "schaffen", first: 1) { edges { node { ... on Claim { id } } } } }',
    );
    merkelId = found.search.edges[0]!.node.id;
  });
  afterAll(() => database.close());

  it("keeps each claim's language, canonical, and the translations with who made them", async () => {
    expect(await claimsOf(reader, 'angela-merkel')).toEqual([
      {
        key: 'merkel-wir-schaffen-das',
        language: 'de',
        translations: [
          {
            language: 'en',
            text: 'We can do this, and where something stands in our way, it must be overcome, it must be worked on.',
            byEditors: false,
            translatedBy: { url: GUARDIAN },
          },
        ],
      },
    ]);
    expect(await claimsOf(reader, 'emmanuel-macron')).toEqual([
      { key: 'macron-brain-death', language: 'fr', translations: [] },
    ]);
  });

  it('finds a German claim by another form of its words, and shows the words that matched', async () => {
    expect(await hits(reader, 'schaffe')).toEqual([{ key: 'merkel-wir-schaffen-das', snippet: MERKEL_GERMAN }]);
    // "Weg" itself is a German stop word ("away"); its genitive is not.
    expect(await hits(reader, 'Weges überwunden')).toEqual([
      {
        key: 'merkel-wir-schaffen-das',
        snippet: 'dort, wo uns etwas im «Wege» steht, muss es «überwunden» werden, muss daran gearbeitet werden.',
      },
    ]);
  });

  it('finds the German original by its English translation, the snippet from the translation', async () => {
    expect(await hits(reader, 'overcome')).toEqual([
      {
        key: 'merkel-wir-schaffen-das',
        snippet: 'where something stands in our way, it must be «overcome», it must be worked on.',
      },
    ]);
    // Found by both, the claim is one hit.
    expect(await hits(reader, 'schaffen or overcome')).toEqual([
      { key: 'merkel-wir-schaffen-das', snippet: MERKEL_GERMAN },
    ]);
  });

  it('stems Russian and French words in their languages, and matches Polish word for word', async () => {
    expect(await hits(reader, 'катастрофа Советский Союз')).toEqual([
      {
        key: 'putin-geopolitical-catastrophe',
        snippet: 'Крушение «Советского» «Союза» было крупнейшей геополитической «катастрофой» века.',
      },
    ]);
    expect(await hits(reader, 'cérébral')).toEqual([
      { key: 'macron-brain-death', snippet: "Ce qu'on est en train de vivre, c'est la mort «cérébrale» de l'OTAN." },
    ]);
    expect(await hits(reader, 'muszę')).toEqual([{ key: 'walesa-i-must', snippet: 'Nie chcę, ale «muszę».' }]);
    expect(await hits(reader, 'musieć')).toEqual([]);
  });

  it('leaves out words or a translation that have an excluded word, in any language', async () => {
    expect(await hits(reader, 'merkel or schaffen -überwunden')).toEqual([]);
    expect(await hits(reader, 'overcome -worked')).toEqual([]);
  });

  it('refuses an unknown language tag, naming the field, and writes nothing', async () => {
    const before = await rowCounts(database.db);
    const claim = { ...elsewhere.claims[0]!, key: 'an-unknown-language', language: 'xx-zz' };
    const translated = {
      ...elsewhere.claims[1]!,
      key: 'an-unknown-translation',
      translations: [{ language: 'klingon', text: 'Heghlu’meH QaQ jajvam' }],
    };
    expect(await data(editor, IMPORT, { input: { ...elsewhere, claims: [claim, translated] } })).toEqual({
      importSource: {
        __typename: 'ValidationError',
        issues: [
          {
            path: 'claims[0].language',
            message: '"xx-zz" is not a known language tag (BCP 47, such as en, de, pt-BR)',
          },
          {
            path: 'claims[1].translations[0].language',
            message: '"klingon" is not a known language tag (BCP 47, such as en, de, pt-BR)',
          },
        ],
      },
    });
    expect(
      await importSourceBundle(database.db, { ...elsewhere, claims: [{ ...claim, language: 'iw' }] }).catch(String),
    ).toBe('ValidationError: claims[0].language: "iw" is deprecated: use "he"');
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('imports the same translations again as unchanged, and a bundle without one removes it', async () => {
    const summary = (input: unknown) =>
      data<{ importSource: { data: unknown } }>(editor, IMPORT, { input }).then((result) => result.importSource.data);
    expect(await summary(guardian)).toEqual({
      claims: { created: 0, updated: 0, unchanged: 0 },
      translations: { created: 0, updated: 0, unchanged: 1 },
    });
    expect(await summary({ ...guardian, claims: [{ ...guardian.claims[0]!, translations: [] }] })).toEqual({
      claims: { created: 0, updated: 0, unchanged: 0 },
      translations: { created: 0, updated: 1, unchanged: 0 },
    });
    expect(await hits(reader, 'overcome')).toEqual([]);
    expect(await summary(guardian)).toEqual({
      claims: { created: 0, updated: 0, unchanged: 0 },
      translations: { created: 1, updated: 0, unchanged: 0 },
    });
  });

  it('lets an editor add, amend and remove a translation, each a revision of the claim', async () => {
    const ERRORS = `... on ValidationError { issues { path message } } ... on NotFoundError { message }`;
    const SET = `mutation ($claim: ID!, $language: String!, $text: String!, $by: String) {
      setClaimTranslation(claim: $claim, language: $language, text: $text, translatedBy: $by) { __typename
        ... on MutationSetClaimTranslationSuccess { data { translations { language text byEditors } } } ${ERRORS} } }`;
    const REMOVE = `mutation ($claim: ID!, $language: String!) {
      removeClaimTranslation(claim: $claim, language: $language) { __typename
        ... on MutationRemoveClaimTranslationSuccess { data { translations { language byEditors } } } ${ERRORS} } }`;
    const REVISIONS = `query ($id: ID!) { node(id: $id) { ... on Claim { revisions { table action changedBy } } } }`;
    const revisions = async () =>
      (
        await data<{ node: { revisions: { table: string }[] } }>(editor, REVISIONS, { id: merkelId })
      ).node.revisions.filter((revision) => revision.table === 'claim_translations');

    const before = await rowCounts(database.db);
    expect(await data(editor, SET, { claim: merkelId, language: 'xx-zz', text: 'Nous y arriverons' })).toEqual({
      setClaimTranslation: {
        __typename: 'ValidationError',
        issues: [{ path: 'language', message: '"xx-zz" is not a known language tag (BCP 47, such as en, de, pt-BR)' }],
      },
    });
    expect(await data(editor, SET, { claim: merkelId, language: 'fr', text: 'Nous y arriverons', by: VOX })).toEqual({
      setClaimTranslation: {
        __typename: 'ValidationError',
        issues: [{ path: 'translatedBy', message: `unknown source "${VOX}"` }],
      },
    });
    expect(await rowCounts(database.db)).toEqual(before);

    expect(await data(editor, SET, { claim: merkelId, language: 'fr', text: 'Nous y arriverons' })).toEqual({
      setClaimTranslation: {
        __typename: 'MutationSetClaimTranslationSuccess',
        data: {
          translations: [
            { language: 'en', text: guardian.claims[0]!.translations[0]!.text, byEditors: false },
            { language: 'fr', text: 'Nous y arriverons', byEditors: true },
          ],
        },
      },
    });
    expect(await hits(reader, 'arriver')).toEqual([{ key: 'merkel-wir-schaffen-das', snippet: 'Nous y «arriverons»' }]);
    await data(editor, SET, { claim: merkelId, language: 'fr', text: 'Nous allons y arriver' });
    expect(await data(editor, REMOVE, { claim: merkelId, language: 'fr' })).toEqual({
      removeClaimTranslation: {
        __typename: 'MutationRemoveClaimTranslationSuccess',
        data: { translations: [{ language: 'en', byEditors: false }] },
      },
    });
    expect(await hits(reader, 'arriver')).toEqual([]);
    expect(await data(editor, REMOVE, { claim: merkelId, language: 'fr' })).toEqual({
      removeClaimTranslation: {
        __typename: 'NotFoundError',
        message: "The claim has no translation into fr by whosaid's editors",
      },
    });
    expect((await revisions()).slice(-3)).toEqual([
      { table: 'claim_translations', action: 'INSERT', changedBy: 'desk' },
      { table: 'claim_translations', action: 'UPDATE', changedBy: 'desk' },
      { table: 'claim_translations', action: 'DELETE', changedBy: 'desk' },
    ]);
  });
  it("changes a claim's language, canonical, and refuses an unknown one", async () => {
    const UPDATE = `mutation ($id: ID!, $v: Int!, $language: String!) {
      updateClaim(id: $id, expectedVersion: $v, changes: { language: $language }) { __typename
        ... on MutationUpdateClaimSuccess { data { language version } }
        ... on ValidationError { issues { path message } } } }`;
    const walesa = await data<{ search: { edges: { node: { id: string; version: number } }[] } }>(
      reader,
      '{ search(query: "muszę", first: 1) { edges { node { ... on Claim { id version } } } } }',
    );
    const { id, version } = walesa.search.edges[0]!.node;
    const before = await rowCounts(database.db);
    expect(await data(editor, UPDATE, { id, v: version, language: 'pl-latn' })).toEqual({
      updateClaim: {
        __typename: 'ValidationError',
        issues: [
          {
            path: 'changes.language',
            message: '"pl-latn" is not a known language tag (BCP 47, such as en, de, pt-BR)',
          },
        ],
      },
    });
    expect(await rowCounts(database.db)).toEqual(before);
    expect(await data(editor, UPDATE, { id, v: version, language: 'PL-PL' })).toEqual({
      updateClaim: { __typename: 'MutationUpdateClaimSuccess', data: { language: 'pl-PL', version: version + 1 } },
    });
  });

  it("joins a merged claim's translations to the kept claim's", async () => {
    const copy = {
      source: {
        url: 'https://example.org/a-copy',
        title: 'A copy',
        kind: 'ARTICLE',
        publishedOn: { value: '2015-09-01' },
      },
      claims: [
        {
          key: 'merkel-copy',
          text: 'Wir schaffen das.',
          language: 'de',
          mode: 'PARTIAL_QUOTE',
          medium: 'PRESS_STATEMENT',
          speakers: ['angela-merkel'],
          saidOn: { value: '2015-08-31' },
          translations: [{ language: 'es', text: 'Lo lograremos.', by: 'EDITORS' }],
        },
      ],
    };
    expect(await data(editor, IMPORT, { input: copy })).toEqual({
      importSource: {
        __typename: 'MutationImportSourceSuccess',
        data: {
          claims: { created: 1, updated: 0, unchanged: 0 },
          translations: { created: 1, updated: 0, unchanged: 0 },
        },
      },
    });
    const VERSION = `query ($id: ID!) { node(id: $id) { ... on Claim { version } } }`;
    const copyId = (
      await data<{ search: { edges: { node: { id: string } }[] } }>(
        reader,
        '{ search(query: "lograr", first: 1) { edges { node { ... on Claim { id } } } } }',
      )
    ).search.edges[0]!.node.id;
    const version = async (claim: string) =>
      (await data<{ node: { version: number } }>(reader, VERSION, { id: claim })).node.version;
    const merged = await data(
      editor,
      `mutation ($keep: ID!, $merge: ID!, $versions: MergeVersions!) {
        mergeClaims(keep: $keep, merge: $merge, expectedVersions: $versions) { __typename
          ... on MutationMergeClaimsSuccess { data { key translations { language byEditors } } } } }`,
      { keep: merkelId, merge: copyId, versions: { keep: await version(merkelId), merge: await version(copyId) } },
    );
    expect(merged).toEqual({
      mergeClaims: {
        __typename: 'MutationMergeClaimsSuccess',
        data: {
          key: 'merkel-wir-schaffen-das',
          translations: [
            { language: 'en', byEditors: false },
            { language: 'es', byEditors: true },
          ],
        },
      },
    });
    expect(await hits(reader, 'lograr')).toEqual([{ key: 'merkel-wir-schaffen-das', snippet: 'Lo «lograremos».' }]);
  });
});

const VOX = 'https://www.vox.com/not-in-this-archive';
