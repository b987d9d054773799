import type { DatePrecision } from '../../../db/vocabulary.js';
import type { Identifier } from '../../identifiers/identifier-input.js';
import { type PartialDateInput, partialDateValue } from '../../partial-date.js';
import type { SourceInput } from '../source-bundle.js';

/** A partial date's stored columns as a bundle writes it; undefined where there is none. */
export function partialDateOf(
  start: string | null,
  precision: DatePrecision | null,
  approximate: boolean | null,
  text: string | null,
): PartialDateInput | undefined {
  if (start === null || precision === null) return undefined;
  return {
    value: partialDateValue(start, precision),
    ...(approximate ? { approximate } : {}),
    ...(text ? { text } : {}),
  };
}

/**
 * An instant as the bundle takes it (ISO 8601 with its offset), from the text Postgres gives a timestamptz in, with
 * every digit of its microseconds.
 */
export function isoInstant(stored: string): string {
  const match = /^(\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2})(?::?(\d{2}))?$/.exec(stored);
  if (!match) throw new Error(`Not a timestamp whosaid wrote: "${stored}"`);
  const [, day, time, zone, minutes] = match;
  return `${day}T${time}${zone === 'Z' ? 'Z' : `${zone}:${minutes ?? '00'}`}`;
}

/** Leaves out the fields that are undefined, null or an empty list, as a bundle leaves them out. */
export function present<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], null | undefined> } {
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0),
    ),
  ) as { [K in keyof T]?: Exclude<T[K], null | undefined> };
}

/** The columns of a source the export reads, with its publisher's and authors' slugs. */
export interface StoredSource {
  url: string;
  title: string;
  kind: SourceInput['kind'];
  publishedStart: string | null;
  publishedPrecision: DatePrecision | null;
  publishedApproximate: boolean | null;
  publishedText: string | null;
  publisher: { slug: string } | null;
  authorLinks: { position: number; actor: { slug: string } }[];
  identifiers: Identifier[];
}

/** What a query of an actor's, source's or event's identifiers asks for, in an order that does not depend on ids. */
export const IDENTIFIERS = {
  columns: { scheme: true, value: true },
  orderBy: { scheme: 'asc', value: 'asc' },
} as const;

/** What a source query asks for, to describe it. */
export const SOURCE_DESCRIPTION = {
  columns: {
    url: true,
    title: true,
    kind: true,
    publishedStart: true,
    publishedPrecision: true,
    publishedApproximate: true,
    publishedText: true,
  },
  with: {
    publisher: { columns: { slug: true } },
    authorLinks: {
      columns: { position: true },
      orderBy: { position: 'asc' },
      with: { actor: { columns: { slug: true } } },
    },
    identifiers: IDENTIFIERS,
  },
} as const;

/** A source as a bundle describes it. */
export function describeSource(source: StoredSource): SourceInput {
  return {
    url: source.url,
    title: source.title,
    kind: source.kind,
    ...present({
      publisher: source.publisher?.slug,
      authors: source.authorLinks.map((link) => link.actor.slug),
      publishedOn: partialDateOf(
        source.publishedStart,
        source.publishedPrecision,
        source.publishedApproximate,
        source.publishedText,
      ),
      identifiers: source.identifiers,
    }),
  };
}
