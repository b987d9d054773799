import DataLoader from 'dataloader';
import { type DuplicateCandidate, possibleDuplicates } from '../../db/duplicates.js';
import type { claims } from '../../db/schema.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { Claim } from './claim.js';
import { nodeById, READS_IDS_THEN_ROWS } from './node-by-id.js';
import { ImportSummaryType } from './source.js';

type ClaimRow = typeof claims.$inferSelect;

const SCORE = 'How alike the two claims’ words are, by trigram similarity: from 0 to 1, 1 for the same words.';

export const PossibleDuplicate = builder.objectRef<DuplicateCandidate>('PossibleDuplicate').implement({
  description:
    'A claim that may be the same utterance as another: by the same speaker (or speaker description), at a time ' +
    'that overlaps, in words alike. mergeClaims folds one into the other.',
  fields: (t) => ({
    claim: t.field({ type: Claim, resolve: (candidate) => nodeById<ClaimRow>(candidate.duplicateId) }),
    score: t.exposeFloat('score', { description: SCORE }),
  }),
});

export const LikelyDuplicate = builder.objectRef<DuplicateCandidate>('LikelyDuplicate').implement({
  description: 'A claim an import created or changed, and a claim already in whosaid that may be the same utterance.',
  fields: (t) => ({
    claim: t.field({
      type: Claim,
      description: 'The claim the import wrote.',
      resolve: (candidate) => nodeById<ClaimRow>(candidate.claimId),
    }),
    duplicate: t.field({
      type: Claim,
      description: 'The claim it may duplicate.',
      resolve: (candidate) => nodeById<ClaimRow>(candidate.duplicateId),
    }),
    score: t.exposeFloat('score', { description: SCORE }),
  }),
});

const loaders = new WeakMap<Context, DataLoader<number, DuplicateCandidate[]>>();

/** A claim's likely duplicates, best first: one statement for every claim of the request. */
function duplicatesOf(ctx: Context, claimId: number): Promise<DuplicateCandidate[]> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const found = await possibleDuplicates(ctx.db, ids);
      return ids.map((id) => found.filter((candidate) => candidate.claimId === id));
    });
    loaders.set(ctx, loader);
  }
  return loader.load(claimId);
}

builder.drizzleObjectField(Claim, 'possibleDuplicates', (t) =>
  t.field({
    type: [PossibleDuplicate],
    description:
      'Other claims that may be the same utterance, best first: by one of its speakers (or, for an unnamed ' +
      'speaker, the same description), at an overlapping time, in words at least half alike. Retracted ones aside.',
    select: { columns: { id: true } },
    extensions: READS_IDS_THEN_ROWS,
    resolve: (claim, _args, ctx) => duplicatesOf(ctx, claim.id),
  }),
);

builder.objectField(ImportSummaryType, 'likelyDuplicates', (t) =>
  t.field({
    type: [LikelyDuplicate],
    description:
      'Claims already in whosaid that may be the same utterance as one the import created or changed, best first: ' +
      'the import never merges them itself (mergeClaims does; a bundle that names the claim by key or sameAs adds ' +
      'its report to it instead).',
    resolve: (summary) => summary.likelyDuplicates,
  }),
);
