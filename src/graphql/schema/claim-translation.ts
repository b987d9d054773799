import { claimTranslations } from '../../db/schema.js';
import { removeClaimTranslation, setClaimTranslation } from '../../domain/writes/claim-translations.js';
import { builder } from '../builder.js';
import { Claim } from './claim.js';
import { rowColumns } from './row-columns.js';
import { withoutNulls } from './source-bundle-input.js';
import { loadWritten } from './written-row.js';

builder.drizzleObject('claimTranslations', {
  name: 'ClaimTranslation',
  description: "The claim's words in another language, as a source printed them or whosaid's editors translated them.",
  select: { columns: rowColumns(claimTranslations) },
  fields: (t) => ({
    language: t.exposeString('language', { description: 'A BCP 47 language tag: en, de, pt-BR.' }),
    text: t.exposeString('text'),
    translatedBy: t.relation('translator', {
      nullable: true,
      description: "The source that printed the translation; null where whosaid's editors made it.",
    }),
    byEditors: t.boolean({
      description: "True where whosaid's editors made the translation.",
      resolve: (translation) => translation.translatorSourceId === null,
    }),
  }),
});

builder.drizzleObjectField(Claim, 'translations', (t) =>
  t.relation('translations', {
    description: "The words in other languages, by language, the sources' translations before the editors'.",
    query: { orderBy: { language: 'asc', translatorSourceId: 'asc', id: 'asc' } },
  }),
);

const TRANSLATOR_ARG =
  "The url of the source that printed the translation, one that reports the claim; left out, whosaid's editors.";

builder.mutationFields((t) => {
  const editor = t.withAuth({ editor: true });
  return {
    setClaimTranslation: editor.drizzleField({
      type: 'claims',
      description:
        "Adds the claim's words in another language, or replaces the translation into it by the same translator.",
      errors: {},
      args: {
        claim: t.arg.globalID({ for: Claim, required: true }),
        language: t.arg.string({ required: true, description: 'A BCP 47 language tag: en, de, pt-BR.' }),
        text: t.arg.string({ required: true }),
        translatedBy: t.arg.string({ description: TRANSLATOR_ARG }),
      },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.claims, query, () =>
          setClaimTranslation(
            ctx.db,
            args.claim.id,
            withoutNulls({ language: args.language, text: args.text, translatedBy: args.translatedBy }),
            ctx.viewer.name,
          ),
        ),
    }),
    removeClaimTranslation: editor.drizzleField({
      type: 'claims',
      description: 'Removes the translation into a language by one translator.',
      errors: {},
      args: {
        claim: t.arg.globalID({ for: Claim, required: true }),
        language: t.arg.string({ required: true }),
        translatedBy: t.arg.string({ description: TRANSLATOR_ARG }),
      },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.claims, query, () =>
          removeClaimTranslation(
            ctx.db,
            args.claim.id,
            withoutNulls({ language: args.language, translatedBy: args.translatedBy }),
            ctx.viewer.name,
          ),
        ),
    }),
  };
});
