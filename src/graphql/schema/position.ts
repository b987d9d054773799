import { builder } from '../builder.js';
import { partialDateOf, PartialDate } from './partial-date.js';
import { Stance } from './vocabulary.js';

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
      description: 'When the actor first took this stance without changing it since: when that claim was said or, where the source does not say, reported.',
      select: {
        with: {
          sinceClaim: {
            columns: { saidStart: true, saidEnd: true, saidPrecision: true, saidApproximate: true, saidText: true },
            with: {
              source: {
                columns: {
                  publishedStart: true,
                  publishedEnd: true,
                  publishedPrecision: true,
                  publishedApproximate: true,
                  publishedText: true,
                },
              },
            },
          },
        },
      },
      resolve: (position) =>
        partialDateOf(position.sinceClaim, 'said') ?? partialDateOf(position.sinceClaim.source, 'published')!,
    }),
  }),
});
