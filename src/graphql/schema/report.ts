import { claimReports } from '../../db/schema.js';
import { builder } from '../builder.js';
import { PartialDate, partialDateOf, partialDateSelect } from './partial-date.js';
import { rowColumns } from './row-columns.js';
import { ClaimMode } from './vocabulary.js';

export const Report = builder.drizzleNode('claimReports', {
  select: { columns: rowColumns(claimReports) },
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
    version: t.exposeInt('version'),
  }),
});
