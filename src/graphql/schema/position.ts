import { builder } from '../builder.js';
import { partialDateOf, PartialDate } from './partial-date.js';
import { Stance } from './vocabulary.js';

const PUBLISHED = {
  publishedStart: true,
  publishedEnd: true,
  publishedPrecision: true,
  publishedApproximate: true,
  publishedText: true,
} as const;

builder.drizzleObject('positions', {
  name: 'Position',
  description: "An actor's current stance on a proposition: the stance of their latest claim on it.",
  fields: (t) => ({
    stance: t.expose('stance', { type: Stance }),
    actor: t.relation('actor'),
    proposition: t.relation('proposition'),
    evidence: t.relation('evidence', { description: 'The latest claim in which the actor took this stance.' }),
    since: t.field({
      type: PartialDate,
      description:
        'When the actor first took this stance without changing it since: when that claim was said or, where the sources do not say, when it first appeared or was reported.',
      select: {
        with: {
          sinceClaim: {
            columns: { saidStart: true, saidEnd: true, saidPrecision: true, saidApproximate: true, saidText: true },
            with: { source: { columns: PUBLISHED }, firstAppearedIn: { columns: PUBLISHED } },
          },
        },
      },
      resolve: ({ sinceClaim }) =>
        partialDateOf(sinceClaim, 'said') ??
        (sinceClaim.firstAppearedIn && partialDateOf(sinceClaim.firstAppearedIn, 'published')) ??
        partialDateOf(sinceClaim.source, 'published')!,
    }),
  }),
});
