import { type Difference, type DriftKind, driftFrom, type ReportWords } from '../../domain/drift.js';
import { builder } from '../builder.js';
import { PartialDate, partialDateOf, partialDateSelect } from './partial-date.js';
import { ClaimMode } from './vocabulary.js';

/** A claim's reports, earliest first: how its paged list, its first report and its baseline are ordered. */
export const REPORT_ORDER = { placedStart: 'asc', placedEnd: 'asc', id: 'asc' } as const;

const DifferenceKind = builder.enumType('DifferenceKind', {
  values: {
    ADDED: { description: 'Words the report has that the baseline has not.' },
    REMOVED: { description: "The baseline's words the report leaves out." },
    CHANGED: { description: "The baseline's words (was) given as others (text)." },
  } satisfies Record<Difference['kind'], unknown>,
});

const ReportDifference = builder.objectRef<Difference>('ReportDifference').implement({
  description:
    "How a report's words differ from its claim's baseline report, word by word; case and punctuation aside.",
  fields: (t) => ({
    kind: t.expose('kind', { type: DifferenceKind }),
    text: t.exposeString('text', {
      description: "The report's words; for REMOVED, the baseline's words it leaves out.",
    }),
    was: t.exposeString('was', {
      nullable: true,
      description: "For CHANGED, the baseline's words the report replaces.",
    }),
  }),
});

const ReportDrift = builder.enumType('ReportDrift', {
  values: {
    PARAPHRASE_AS_QUOTE: { description: 'A paraphrase or characterization printed as a quote.' },
    PARTIAL_AS_WHOLE: { description: 'A cut or partial quote printed as a whole, direct quote.' },
    QUOTE_AS_PARAPHRASE: { description: 'A quote given only as a paraphrase or characterization.' },
  } satisfies Record<DriftKind, unknown>,
});

const WORDS = { id: true, text: true, mode: true } as const;

// The baseline's words come with the report, through its claim, so that a page of reports stays one statement.
const withBaseline = {
  columns: WORDS,
  with: {
    claim: {
      columns: { id: true },
      with: {
        primaryReport: { columns: WORDS },
        earliestReports: { columns: WORDS, orderBy: REPORT_ORDER, limit: 1 },
      },
    },
  },
} as const;

type Compared = ReportWords & {
  id: number;
  claim: { primaryReport: (ReportWords & { id: number }) | null; earliestReports: (ReportWords & { id: number })[] };
};

function baselineOf(report: Compared) {
  return report.claim.primaryReport ?? report.claim.earliestReports[0]!;
}

function driftOf(report: Compared) {
  const baseline = baselineOf(report);
  return baseline.id === report.id ? { differences: [], drift: [] } : driftFrom(baseline, report);
}

export const Report = builder.drizzleNode('claimReports', {
  // Each field selects its own columns (plugin-drizzle adds an exposed field's): a report read for its source
  // (reportedIn { source }) is its id and the join, not a row of twenty columns turned into JSON.
  select: { columns: { id: true } },
  name: 'Report',
  description:
    'A source that carries a claim: the words as that source prints them, in its own mode, when and where in it. ' +
    'The primary report is the document the words were first spoken or written in.',
  id: { column: (report) => report.id },
  fields: (t) => ({
    claim: t.relation('claim'),
    source: t.relation('source'),
    primary: t.exposeBoolean('primary', {
      description: 'True for the document the words were first said in: the interview, the op-ed, the statement.',
    }),
    text: t.exposeString('text', { description: 'The words as this source prints them.' }),
    mode: t.expose('mode', { type: ClaimMode, description: 'How this source gives them.' }),
    publishedOn: t.field({
      type: PartialDate,
      nullable: true,
      description: 'When this report was published; null where neither it nor its source says.',
      select: partialDateSelect('published'),
      resolve: (report) => partialDateOf(report, 'published'),
    }),
    page: t.exposeString('page', { nullable: true, description: 'The page of a printed source.' }),
    anchor: t.exposeString('anchor', { nullable: true, description: 'Where on the page: a fragment id or a heading.' }),
    startSeconds: t.exposeFloat('startSeconds', {
      nullable: true,
      description: 'For audio and video: where the words begin, in seconds from the start.',
    }),
    endSeconds: t.exposeFloat('endSeconds', { nullable: true, description: 'And where they end.' }),
    baseline: t.boolean({
      description:
        "True for the report the claim's others are compared with: its primary report or, without one, its earliest.",
      select: withBaseline,
      resolve: (report) => baselineOf(report).id === report.id,
    }),
    differences: t.field({
      type: [ReportDifference],
      description:
        "How this report's words differ from the baseline's, in the order of the words; none for the baseline.",
      select: withBaseline,
      resolve: (report) => driftOf(report).differences,
    }),
    drift: t.field({
      type: [ReportDrift],
      description: "How this report's mode misgives the baseline's words; none for the baseline.",
      select: withBaseline,
      resolve: (report) => driftOf(report).drift,
    }),
    drifted: t.exposeBoolean('drifted', {
      description: "True when this report's words or mode differ from the baseline's: it has differences or drift.",
    }),
    version: t.exposeInt('version'),
  }),
});
