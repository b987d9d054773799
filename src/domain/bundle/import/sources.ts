import type { Database } from '../../../db/database.js';
import { sourceAuthors, sources } from '../../../db/schema.js';
import { partialDateKeys, partialDateValues } from '../../partial-date-values.js';
import { ValidationError, type ValidationIssue } from '../../validation-error.js';
import { listedAt, replaceIdentifiers } from '../../writes/identifiers.js';
import type { SourceBundle, SourceInput } from '../source-bundle.js';
import { idsByNaturalKey, replaceChildren, upsertByNaturalKey } from '../upsert.js';
import { type Imported, outcome } from './outcome.js';

/**
 * Writes the bundle's source and the sources its claims first appeared in, with their authors and identifiers, and returns their
 * ids by url. The bundle's own source is described by it (unless `keepStoredSource`); a source it only cites is
 * added if missing, never rewritten.
 */
export async function importSources(
  tx: Database,
  bundle: SourceBundle,
  actorIds: Map<string, number>,
  keepStoredSource: boolean,
): Promise<Imported> {
  const cited = distinctCitedSources(bundle);
  const sourceRow = (s: SourceInput) => ({
    url: s.url,
    title: s.title,
    kind: s.kind,
    publisherId: s.publisher ? actorIds.get(s.publisher)! : null,
    ...partialDateValues('published', s.publishedOn),
  });
  const own = await upsertByNaturalKey(
    tx,
    sources,
    sources.url,
    [sourceRow(bundle.source)],
    keepStoredSource ? [] : ['title', 'kind', 'publisherId', ...partialDateKeys('published')],
  );
  const citedWritten = await upsertByNaturalKey(tx, sources, sources.url, cited.map(sourceRow), []);
  const described = [
    ...(keepStoredSource ? [] : [bundle.source]),
    ...cited.filter((s) => citedWritten.created.has(s.url)),
  ];
  const ids = await idsByNaturalKey(tx, sources, sources.url, [bundle.source.url, ...cited.map((s) => s.url)]);
  const authors = await replaceChildren(
    tx,
    sourceAuthors,
    sourceAuthors.sourceId,
    new Map(
      described
        .filter((s) => s.authors)
        .map((s) => [
          ids.get(s.url)!,
          s.authors!.map((slug, position) => ({ sourceId: ids.get(s.url)!, actorId: actorIds.get(slug)!, position })),
        ]),
    ),
    ['actorId', 'position'],
  );
  const identified = await replaceIdentifiers(
    tx,
    'source',
    described.flatMap((s) =>
      s.identifiers
        ? [
            {
              ownerId: ids.get(s.url)!,
              owner: s.url,
              identifiers: s.identifiers,
              valuePath: listedAt(`${describedAt(bundle, s)}.identifiers`),
            },
          ]
        : [],
    ),
  );
  const written = { created: new Set([...own.created, ...citedWritten.created]), updated: own.updated };
  const changed = new Set([...authors.changed, ...identified]);
  return { outcome: outcome(1 + cited.length, written, (url) => ids.get(url)!, changed), ids };
}

/** Where the bundle describes a source: its own, or the first claim that first appeared in it. */
function describedAt(bundle: SourceBundle, source: SourceInput): string {
  if (source === bundle.source) return 'source';
  return `claims[${bundle.claims.findIndex((claim) => claim.firstAppearedIn?.url === source.url)}].firstAppearedIn`;
}

/** The sources the bundle's claims first appeared in or whose attribution they settle, once each; the bundle's own source is not among them. */
function distinctCitedSources(bundle: SourceBundle): SourceInput[] {
  const byUrl = new Map<string, SourceInput>();
  const issues: ValidationIssue[] = [];
  const cite = (source: SourceInput | undefined, path: string) => {
    if (!source || source.url === bundle.source.url) return;
    const seen = byUrl.get(source.url);
    if (seen && JSON.stringify(seen) !== JSON.stringify(source)) {
      issues.push({ path, message: `describes ${source.url} differently than before in the bundle` });
    }
    if (!seen) byUrl.set(source.url, source);
  };
  bundle.claims.forEach((claim, index) => {
    cite(claim.firstAppearedIn, `claims[${index}].firstAppearedIn`);
    cite(claim.attribution?.evidence, `claims[${index}].attribution.evidence`);
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return [...byUrl.values()];
}
