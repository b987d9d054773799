import { createHash } from 'node:crypto';
import { type ActorKind, MEDIA, STANCES } from '../src/db/vocabulary.js';
import { type CopyValue, copyLine, textArray } from './copy-text.js';
import {
  dateColumns,
  dayOf,
  type GeneratedDate,
  isoDay,
  lastDayOf,
  partialDateAround,
  partialDateText,
  timestampAt,
} from './days.js';
import { Random, Zipf } from './random.js';
import { fixedCounts, RATIOS, type Size } from './sizes.js';
import * as words from './vocabulary.js';

/** One table's rows in COPY text format, in id order. */
export interface TableRows {
  table: string;
  columns: readonly string[];
  rows: Iterable<string>;
  /** Not one of whosaid's tables: the loader makes it for the transaction, to derive others from (load.ts). */
  temporary?: true;
}

/** Which source each claim that has one first appeared in, by number: its primary report is derived from it. */
export const FIRST_APPEARANCES = 'claim_first_appearances';

const DATE = (name: string) => [`${name}_start`, `${name}_precision`, `${name}_approximate`, `${name}_text`];
const TIMESTAMPS = ['version', 'created_at', 'updated_at'];
const SOURCE_KINDS = [
  'ARTICLE',
  'ARTICLE',
  'ARTICLE',
  'INTERVIEW',
  'REPORT',
  'PRESS_RELEASE',
  'OP_ED',
  'BROADCAST',
  'SOCIAL_POST',
];
const MODES = { DIRECT_QUOTE: 0.45, PARTIAL_QUOTE: 0.15, PARAPHRASE: 0.3 } as const;
const PARAPHRASE_VERBS = ['Argued that', 'Suggested that', 'Warned that', 'Insisted that', 'Claimed that'];
const CHARACTERIZATION_VERBS = ['Dismissed', 'Praised', 'Criticized', 'Questioned', 'Defended'];

/**
 * A whole archive, generated from a size and a seed: the same two always give the same rows, byte for byte. Tables
 * come in the order their foreign keys need; each table's rows must be read in full before the next table's (the
 * claims pass records the rows of claim_speakers, claim_stances and claim_events, and the claims' first appearances).
 */
export function archiveTables(size: Size, seed: number): TableRows[] {
  return new Archive(size, seed).tables();
}

class Archive {
  private readonly counts;
  private readonly firstDay = dayOf(RATIOS.firstYear);
  private readonly span = dayOf(RATIOS.lastYear + 1) - dayOf(RATIOS.firstYear);
  private readonly kinds: ActorKind[] = [];
  private readonly slugs: string[] = [];
  /** Actors by what they may be: speakers (not media outlets), persons, outlets, organizations and governments. */
  private readonly speakers: number[] = [];
  private readonly persons: number[] = [];
  private readonly outlets: number[] = [];
  private readonly organizations: number[] = [];
  private readonly sourceDates: (GeneratedDate | null)[] = [];
  private readonly sourceUrls: string[] = [];
  private readonly claimSpeakers: number[] = [];
  private readonly claimStances: number[] = [];
  private readonly claimEvents: number[] = [];
  private readonly firstAppearances: number[] = [];

  constructor(
    private readonly size: Size,
    private readonly seed: number,
  ) {
    this.counts = fixedCounts(size);
  }

  tables(): TableRows[] {
    return [
      {
        table: 'actors',
        columns: ['id', 'slug', 'name', 'kind', 'description', 'aliases', ...TIMESTAMPS],
        rows: this.actors(),
      },
      {
        table: 'actor_roles',
        columns: [
          'id',
          'actor_id',
          'title',
          'organization_id',
          ...DATE('began'),
          ...DATE('ended'),
          'former',
          'position',
        ],
        rows: this.actorRoles(),
      },
      {
        table: 'sources',
        columns: ['id', 'url', 'title', 'kind', 'publisher_id', ...DATE('published'), ...TIMESTAMPS],
        rows: this.sources(),
      },
      { table: 'source_authors', columns: ['source_id', 'actor_id', 'position'], rows: this.sourceAuthors() },
      { table: 'propositions', columns: ['id', 'slug', 'statement', ...TIMESTAMPS], rows: this.propositions() },
      {
        table: 'events',
        columns: [
          'id',
          'slug',
          'title',
          'kind',
          'description',
          ...DATE('occurred'),
          ...DATE('ended'),
          'location',
          ...TIMESTAMPS,
        ],
        rows: this.events(),
      },
      {
        table: 'event_participants',
        columns: ['event_id', 'actor_id', 'role', 'position'],
        rows: this.eventParticipants(),
      },
      {
        table: 'claims',
        columns: [
          'id',
          'key',
          'text',
          'context',
          'mode',
          'medium',
          'speaker_description',
          'anonymity_reason',
          'via_id',
          'venue_id',
          'source_id',
          ...DATE('said'),
          'placed_start',
          'placed_end',
          'retracted_at',
          'retraction_reason',
          ...TIMESTAMPS,
        ],
        rows: this.claims(),
      },
      {
        table: 'claim_speakers',
        columns: ['claim_id', 'actor_id', 'position', 'placed_start', 'placed_end'],
        rows: speakerRows(this.claimSpeakers),
      },
      {
        table: 'claim_stances',
        columns: ['claim_id', 'proposition_id', 'stance'],
        rows: triples(this.claimStances, (v, column) => (column === 2 ? STANCES[v]! : v)),
      },
      { table: 'claim_events', columns: ['claim_id', 'event_id'], rows: pairs(this.claimEvents) },
      {
        table: FIRST_APPEARANCES,
        columns: ['claim_id', 'source_id'],
        rows: pairs(this.firstAppearances),
        temporary: true,
      },
    ];
  }

  private random(stream: string): Random {
    return new Random(this.seed, stream);
  }

  /** The day the n-th of `count` things happened, spreading them evenly over the archive's years. */
  private dayOfNth(n: number, count: number): number {
    return this.firstDay + Math.floor((n * this.span) / count);
  }

  private sentence(random: Random, zipf: Zipf, length: number): string[] {
    const tokens: string[] = [];
    for (let i = 0; i < length; i++) {
      tokens.push(random.chance(0.35) ? random.pick(words.FUNCTION_WORDS) : words.WORDS[zipf.draw(random)]!);
    }
    return tokens;
  }

  private *actors(): Iterable<string> {
    const random = this.random('actors');
    const fixedKinds: ActorKind[] = ['PERSON', 'MEDIA_OUTLET', 'ORGANIZATION', 'GOVERNMENT'];
    for (let id = 1; id <= this.counts.actors; id++) {
      const kind = fixedKinds[id - 1] ?? random.weighted(RATIOS.actorKinds, 'PERSON');
      let name: string;
      let aliases: string[] = [];
      if (id === 1) {
        name = words.PROLIFIC_ACTOR.name;
        aliases = ['Whitcombe'];
      } else if (kind === 'PERSON') {
        const last = random.pick(words.LAST_NAMES);
        name = `${random.pick(words.FIRST_NAMES)} ${last}`;
        if (random.chance(0.3)) aliases = [last];
      } else if (kind === 'MEDIA_OUTLET') {
        name = `The ${random.pick(words.CITIES)} ${random.pick(words.OUTLET_NAMES)}`;
      } else if (kind === 'GOVERNMENT') {
        name = random.chance(0.5)
          ? `Government of ${random.pick(words.COUNTRIES)}`
          : `${random.pick(words.CITIES)} City Council`;
      } else {
        name = `${random.pick(words.LAST_NAMES)} ${random.pick(words.ORGANIZATION_SUFFIXES)}`;
        if (random.chance(0.2))
          aliases = [
            name
              .split(' ')
              .map((part) => part[0])
              .join(''),
          ];
      }
      const slug = id === 1 ? words.PROLIFIC_ACTOR.slug : `${slugify(name)}-${id}`;
      this.kinds.push(kind);
      this.slugs.push(slug);
      if (kind !== 'MEDIA_OUTLET') this.speakers.push(id);
      if (kind === 'PERSON') this.persons.push(id);
      if (kind === 'MEDIA_OUTLET') this.outlets.push(id);
      if (kind === 'ORGANIZATION' || kind === 'GOVERNMENT') this.organizations.push(id);
      const description = random.chance(0.6)
        ? `${kind.toLowerCase().replace('_', ' ')} from ${random.pick(words.CITIES)}`
        : null;
      const created = timestampAt(this.dayOfNth(id - 1, this.counts.actors), random.int(0, 86_399));
      yield copyLine([id, slug, name, kind, description, textArray(aliases), 1, created, created]);
    }
  }

  private *actorRoles(): Iterable<string> {
    const random = this.random('actor_roles');
    let id = 0;
    for (const actorId of this.persons) {
      const roles = random.int(0, RATIOS.maxRolesPerPerson);
      let day = this.dayOfNth(random.int(0, 999), 1000) - 3650;
      for (let position = 0; position < roles; position++) {
        const began = partialDateAround(day, random.chance(0.5) ? 'YEAR' : 'MONTH');
        const current = position === roles - 1 && random.chance(0.6);
        day += random.int(200, 2500);
        const ended = current ? null : partialDateAround(Math.max(day, lastDayOf(began)), 'YEAR');
        const organization = random.chance(0.8) ? random.pick(this.organizations) : null;
        yield copyLine([
          ++id,
          actorId,
          random.pick(words.ROLE_TITLES),
          organization,
          ...dateColumns(began),
          ...dateColumns(ended),
          !current,
          position,
        ]);
      }
    }
  }

  private *sources(): Iterable<string> {
    const random = this.random('sources');
    const outlets = new Zipf(this.outlets.length, 1);
    for (let id = 1; id <= this.counts.sources; id++) {
      const lastClaim = Math.min(id * RATIOS.claimsPerSource, this.counts.claims) - 1;
      const day = this.dayOfNth(lastClaim, this.counts.claims) + random.int(0, 2);
      const precision = random.weighted({ DAY: 0.93, MONTH: 0.04, YEAR: 0.01 } as const, null);
      const published = precision ? partialDateAround(day, precision) : null;
      const publisher = random.chance(0.9) ? this.outlets[outlets.draw(random)]! : null;
      const title = capitalize(this.sentence(random, WORD_ZIPF, random.int(4, 10)).join(' '));
      const url = `https://news.example/${isoDay(day).slice(0, 4)}/${id}-${slugify(title).slice(0, 40).replace(/-$/, '')}`;
      this.sourceDates.push(published);
      this.sourceUrls.push(url);
      const created = timestampAt(day + 1, random.int(0, 86_399));
      yield copyLine([
        id,
        url,
        title,
        random.pick(SOURCE_KINDS),
        publisher,
        ...dateColumns(published),
        1,
        created,
        created,
      ]);
    }
  }

  private *sourceAuthors(): Iterable<string> {
    const random = this.random('source_authors');
    for (let sourceId = 1; sourceId <= this.counts.sources; sourceId++) {
      const authors = new Set<number>();
      const wanted = random.int(0, RATIOS.maxAuthorsPerSource);
      for (let i = 0; i < wanted; i++) authors.add(random.pick(this.persons));
      let position = 0;
      for (const actorId of authors) yield copyLine([sourceId, actorId, position++]);
    }
  }

  private *propositions(): Iterable<string> {
    const random = this.random('propositions');
    for (let id = 1; id <= this.counts.propositions; id++) {
      const statement = `${random.pick(words.COUNTRIES)} should ${random.pick(PROPOSITION_VERBS)} the ${words.WORDS[WORD_ZIPF.draw(random)]} ${words.WORDS[WORD_ZIPF.draw(random)]}`;
      const created = timestampAt(this.dayOfNth(id - 1, this.counts.propositions), random.int(0, 86_399));
      yield copyLine([
        id,
        `${slugify(statement).slice(0, 60).replace(/-$/, '')}-${id}`,
        statement,
        1,
        created,
        created,
      ]);
    }
  }

  private *events(): Iterable<string> {
    const random = this.random('events');
    for (let id = 1; id <= this.counts.events; id++) {
      const day = this.dayOfNth(id - 1, this.counts.events);
      const kind = random.pick(words.EVENT_KINDS);
      const city = random.pick(words.CITIES);
      const title = `${capitalize(words.WORDS[WORD_ZIPF.draw(random)]!)} ${kind.replace('-', ' ')} in ${city}`;
      const occurred = partialDateAround(
        day,
        random.weighted({ DAY: 0.8, MONTH: 0.15 } as const, 'YEAR'),
        random.chance(0.05),
      );
      const ended = random.chance(0.15) ? partialDateAround(day + random.int(1, 10), 'DAY') : null;
      const description = random.chance(0.5)
        ? capitalize(this.sentence(random, WORD_ZIPF, random.int(6, 16)).join(' ')) + '.'
        : null;
      const created = timestampAt(day, random.int(0, 86_399));
      yield copyLine([
        id,
        `${slugify(title)}-${id}`,
        title,
        kind,
        description,
        ...dateColumns(occurred),
        ...dateColumns(ended),
        city,
        1,
        created,
        created,
      ]);
    }
  }

  private *eventParticipants(): Iterable<string> {
    const random = this.random('event_participants');
    const speakers = new Zipf(this.speakers.length, RATIOS.speakerSkew);
    for (let eventId = 1; eventId <= this.counts.events; eventId++) {
      const participants = new Set<number>();
      const wanted = random.int(1, RATIOS.maxParticipantsPerEvent);
      for (let i = 0; i < wanted; i++) participants.add(this.speakers[speakers.draw(random)]!);
      let position = 0;
      for (const actorId of participants) {
        yield copyLine([
          eventId,
          actorId,
          random.chance(0.7) ? random.pick(words.PARTICIPANT_ROLES) : null,
          position++,
        ]);
      }
    }
  }

  private *claims(): Iterable<string> {
    const random = this.random('claims');
    const speakers = new Zipf(this.speakers.length, RATIOS.speakerSkew);
    const propositions = new Zipf(this.counts.propositions, RATIOS.propositionSkew);
    const venues = [...this.organizations, ...this.outlets];
    // The last stance each actor took on each proposition: most of the time they keep it.
    const lastStance = new Map<number, number>();
    const stanceOf = (actorId: number, propositionId: number): number => {
      const key = actorId * (this.counts.propositions + 1) + propositionId;
      const last = lastStance.get(key);
      const stance =
        last === undefined
          ? random.int(0, STANCES.length - 1)
          : random.chance(RATIOS.stanceChange)
            ? (last + random.int(1, 3)) % 4
            : last;
      lastStance.set(key, stance);
      return stance;
    };
    for (let id = 1; id <= this.counts.claims; id++) {
      const day = this.dayOfNth(id - 1, this.counts.claims);
      const sourceIndex = Math.floor((id - 1) / RATIOS.claimsPerSource);
      const sourceId = sourceIndex + 1;
      const sourceDate = this.sourceDates[sourceIndex]!;

      const who: number[] = [];
      let speakerDescription: string | null = null;
      let anonymityReason: string | null = null;
      const kind = random.weighted({ anonymous: RATIOS.anonymous, described: RATIOS.describedOnly } as const, 'named');
      if (kind === 'anonymous') {
        speakerDescription = random.pick(words.ANONYMOUS_DESCRIPTIONS);
        anonymityReason = random.pick(words.ANONYMITY_REASONS);
      } else if (kind === 'described') {
        speakerDescription = random.pick(words.CROWD_DESCRIPTIONS);
      } else {
        who.push(this.speakers[speakers.draw(random)]!);
        if (random.chance(RATIOS.twoSpeakers)) {
          const second = this.speakers[speakers.draw(random)]!;
          if (second !== who[0]) who.push(second);
        }
      }
      const viaCandidate = who.length > 0 && random.chance(RATIOS.via) ? random.pick(this.persons) : null;
      const viaId = viaCandidate !== null && !who.includes(viaCandidate) ? viaCandidate : null;
      const venueId = random.chance(RATIOS.venue) ? random.pick(venues) : null;
      const firstAppearedIn =
        sourceIndex > 0 && random.chance(RATIOS.firstAppearedIn) ? Math.max(0, sourceIndex - random.int(1, 50)) : null;

      const precision = random.weighted(RATIOS.saidPrecision, null);
      const approximate = precision !== null && precision !== 'DAY' && random.chance(0.2);
      let said = precision
        ? partialDateAround(day, precision, approximate, approximate ? approximateWording(day, precision) : null)
        : null;
      const fallback = firstAppearedIn !== null ? (this.sourceDates[firstAppearedIn] ?? sourceDate) : sourceDate;
      if (!said && !fallback) said = partialDateAround(day, 'DAY');
      const placed = said ?? fallback!;

      const mode = random.weighted(MODES, 'CHARACTERIZATION');
      const tokens = this.sentence(random, WORD_ZIPF, random.int(8, 28));
      for (const { term, every } of Object.values(words.PLANTED_TERMS)) {
        if (id % every === 0) tokens.splice(random.int(0, tokens.length), 0, term);
      }
      const text = claimText(random, mode, tokens);

      const eventId = random.chance(RATIOS.withEvent)
        ? clamp(
            Math.floor(((id - 1) * this.counts.events) / this.counts.claims) + random.int(-3, 3),
            0,
            this.counts.events - 1,
          ) + 1
        : null;
      const context = random.chance(RATIOS.withContext)
        ? random.chance(0.5)
          ? `Speaking to reporters about the ${words.WORDS[WORD_ZIPF.draw(random)]}`
          : `In response to a question on ${words.WORDS[WORD_ZIPF.draw(random)]}`
        : null;
      const retracted = random.chance(RATIOS.retracted);
      const createdDay = Math.max(day, sourceDate?.start ?? day) + 1;
      const created = timestampAt(createdDay, random.int(0, 86_399));
      const retractedAt = retracted ? timestampAt(createdDay + random.int(1, 60), random.int(0, 86_399)) : null;

      who.forEach((actorId, position) =>
        this.claimSpeakers.push(id, actorId, position, placed.start, lastDayOf(placed)),
      );
      if (who.length > 0 && random.chance(RATIOS.withStance)) {
        const first = propositions.draw(random) + 1;
        const stance = stanceOf(who[0]!, first);
        for (const other of who.slice(1)) lastStance.set(other * (this.counts.propositions + 1) + first, stance);
        this.claimStances.push(id, first, stance);
        if (random.chance(RATIOS.secondStance)) {
          const second = propositions.draw(random) + 1;
          if (second !== first) this.claimStances.push(id, second, stanceOf(who[0]!, second));
        }
      }
      if (eventId !== null) this.claimEvents.push(id, eventId);
      if (firstAppearedIn !== null) this.firstAppearances.push(id, firstAppearedIn + 1);

      const key = claimKey(
        this.sourceUrls[sourceIndex]!,
        who.map((actorId) => this.slugs[actorId - 1]!),
        speakerDescription,
        text,
        said,
      );
      yield copyLine([
        id,
        key,
        text,
        context,
        mode,
        random.pick(MEDIA),
        speakerDescription,
        anonymityReason,
        viaId,
        venueId,
        sourceId,
        ...dateColumns(said),
        isoDay(placed.start),
        isoDay(lastDayOf(placed)),
        retractedAt,
        retracted ? random.pick(words.RETRACTION_REASONS) : null,
        retracted ? 2 : 1,
        created,
        retractedAt ?? created,
      ]);
    }
  }
}

const WORD_ZIPF = new Zipf(words.WORDS.length, RATIOS.wordSkew);
const PROPOSITION_VERBS = ['ban', 'fund', 'expand', 'regulate', 'tax', 'abolish', 'protect', 'subsidize'];

/** The key the import gives a claim without one (src/domain/bundle/claim-key.ts), computed synchronously. */
function claimKey(
  sourceUrl: string,
  speakerSlugs: string[],
  description: string | null,
  text: string,
  said: GeneratedDate | null,
): string {
  const identity = JSON.stringify([
    sourceUrl,
    [...speakerSlugs].sort(),
    description,
    text,
    said ? partialDateText(said) : null,
  ]);
  return `sha256:${createHash('sha256').update(identity).digest('hex')}`;
}

function claimText(random: Random, mode: string, tokens: string[]): string {
  if (mode === 'PARTIAL_QUOTE' && tokens.length > 4) {
    const start = random.int(0, tokens.length - 3);
    tokens[start] = `"${tokens[start]}`;
    tokens[start + 2] = `${tokens[start + 2]}"`;
  }
  const body = tokens.join(' ');
  if (mode === 'PARAPHRASE') return `${random.pick(PARAPHRASE_VERBS)} ${body}.`;
  if (mode === 'CHARACTERIZATION') return `${random.pick(CHARACTERIZATION_VERBS)} ${body}.`;
  return `${capitalize(body)}.`;
}

function approximateWording(day: number, precision: 'MONTH' | 'YEAR'): string {
  const iso = isoDay(day);
  return precision === 'YEAR'
    ? `some time in ${iso.slice(0, 4)}`
    : `early ${words.MONTH_NAMES[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

function* triples(values: number[], format: (value: number, column: number) => CopyValue): Iterable<string> {
  for (let i = 0; i < values.length; i += 3)
    yield copyLine([format(values[i]!, 0), format(values[i + 1]!, 1), format(values[i + 2]!, 2)]);
}

/** claim_speakers rows, five numbers each: claim, actor, position, and the first and last day the claim is placed on. */
function* speakerRows(values: number[]): Iterable<string> {
  for (let i = 0; i < values.length; i += 5) {
    yield copyLine([values[i]!, values[i + 1]!, values[i + 2]!, isoDay(values[i + 3]!), isoDay(values[i + 4]!)]);
  }
}

function* pairs(values: number[]): Iterable<string> {
  for (let i = 0; i < values.length; i += 2) yield copyLine([values[i]!, values[i + 1]!]);
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
