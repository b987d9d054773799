import { setAttributionStatus } from '../../domain/writes/attribution.js';
import { builder } from '../builder.js';
import { Claim } from './claim.js';
import { DateTimeScalar } from './scalars.js';
import { withoutNulls } from './source-bundle-input.js';
import { AttributionStatus } from './vocabulary.js';
import { loadWritten } from './written-row.js';

const Attribution = builder.drizzleObject('claims', {
  variant: 'Attribution',
  description: 'Whether the claim was really said by whom it is attributed to, and what shows it.',
  select: {
    columns: { attribution: true, attributionNote: true, attributionEvidenceId: true, attributionSetAt: true },
  },
  fields: (t) => ({
    status: t.expose('attribution', { type: AttributionStatus }),
    note: t.exposeString('attributionNote', { nullable: true }),
    evidence: t.relation('attributionEvidence', {
      nullable: true,
      description: 'The source that settles it: the recording, the transcript, the denial, the fact-check.',
    }),
    setAt: t.field({
      type: DateTimeScalar,
      nullable: true,
      description: 'When the status was last set; null while REPORTED.',
      resolve: (claim) => claim.attributionSetAt,
    }),
  }),
});

builder.drizzleObjectField(Claim, 'attribution', (t) => t.variant(Attribution));

builder.mutationFields((t) => ({
  setAttributionStatus: t.withAuth({ editor: true }).drizzleField({
    type: 'claims',
    description:
      'Sets whether the claim was really said by its speakers, naming the url of the evidence (a source whosaid has) ' +
      'for every status but REPORTED, which clears it. A MISATTRIBUTED claim leaves positions but stays on record.',
    errors: {},
    args: {
      claim: t.arg.globalID({ for: Claim, required: true }),
      status: t.arg({ type: AttributionStatus, required: true }),
      note: t.arg.string(),
      evidence: t.arg.string({ description: 'The url of the evidence source.' }),
      expectedVersion: t.arg.int({ description: 'Where given, the claim changes only if it is still at it.' }),
    },
    resolve: (query, _root, args, ctx) =>
      loadWritten(ctx.db.query.claims, query, () =>
        setAttributionStatus(
          ctx.db,
          args.claim.id,
          withoutNulls({
            status: args.status,
            note: args.note,
            evidence: args.evidence,
            expectedVersion: args.expectedVersion,
          }),
          ctx.viewer.name,
        ),
      ),
  }),
}));
