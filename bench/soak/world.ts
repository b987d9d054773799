import type { ClaimMode, Stance } from '../../src/db/vocabulary.js';
import type { Random } from '../random.js';

/** A claim entry of a source bundle, as the soak sends it (ClaimInput). */
export interface ClaimEntry {
  key?: string;
  sameAs?: string;
  text: string;
  mode: ClaimMode;
  medium: 'INTERVIEW' | 'SPEECH';
  speakers?: string[];
  saidOn?: { value: string };
  stances?: { proposition: string; stance: Stance }[];
  events?: string[];
}

export interface SourceEntry {
  url: string;
  title: string;
  kind: 'ARTICLE';
  publishedOn: { value: string };
}

export interface Bundle {
  source: SourceEntry;
  actors?: { slug: string; name: string; kind: 'PERSON' }[];
  propositions?: { slug: string; statement: string }[];
  events?: { slug: string; title: string; occurredOn: { value: string } }[];
  claims: ClaimEntry[];
}

export const STANCE_CHOICES: readonly Stance[] = ['SUPPORTS', 'OPPOSES', 'MIXED', 'NEUTRAL'];
const MODES: readonly ClaimMode[] = ['DIRECT_QUOTE', 'PARTIAL_QUOTE', 'PARAPHRASE'];

/** A statement several outlets report: every bundle that carries it names it by the same key, or by its id. */
export interface Story {
  key: string;
  speakers: string[];
  saidOn: string;
  stances: { proposition: string; stance: Stance }[];
  events: string[];
}

/**
 * What one soak run writes about, all named after the run (`run`, such as `soak-m4k2x1`) so that runs against one
 * database never meet: speakers, propositions, events, the stories that the writers' bundles overlap on, and each
 * writer's desk, the source its recordClaim calls report against.
 */
export class SoakWorld {
  readonly speakers: string[];
  readonly propositions: string[];
  readonly events: string[];
  readonly stories: Story[];

  constructor(
    readonly run: string,
    storyCount = 24,
  ) {
    this.speakers = Array.from({ length: 6 }, (_, i) => `${run}-speaker-${i + 1}`);
    this.propositions = Array.from({ length: 3 }, (_, i) => `${run}-proposition-${i + 1}`);
    this.events = Array.from({ length: 2 }, (_, i) => `${run}-event-${i + 1}`);
    // Every story has a saidOn, so that no report moves it in time: where it sits is its own, until an updateClaim
    // moves it.
    this.stories = Array.from({ length: storyCount }, (_, n) => ({
      key: `${run}-story-${n + 1}`,
      speakers: n % 5 === 0 ? [this.speakers[n % 6]!, this.speakers[(n + 1) % 6]!] : [this.speakers[n % 6]!],
      saidOn: dayOf(n),
      stances: [{ proposition: this.propositions[n % 3]!, stance: STANCE_CHOICES[n % 3]! }],
      events: n % 4 === 0 ? [this.events[n % 2]!] : [],
    }));
  }

  /** Who and what the writers refer to by slug: one bundle, imported before they start. */
  setupBundle(): Bundle {
    return {
      source: this.source(`${this.run}/setup`, 'The soak run’s cast'),
      actors: this.speakers.map((slug, i) => ({ slug, name: `Soak Speaker ${i + 1} of ${this.run}`, kind: 'PERSON' })),
      propositions: this.propositions.map((slug, i) => ({
        slug,
        statement: `Soak proposition ${i + 1} of ${this.run} holds`,
      })),
      events: this.events.map((slug, i) => ({
        slug,
        title: `Soak event ${i + 1} of ${this.run}`,
        occurredOn: { value: `2017-0${i + 1}-15` },
      })),
      claims: [],
    };
  }

  /** The desk of a writer: the source its recordClaim calls report against, imported before the writers start. */
  deskBundle(writer: string): Bundle {
    return { source: this.source(`${this.run}/desk/${writer}`, `The desk of ${writer}`), claims: [] };
  }

  deskUrl(writer: string): string {
    return this.deskBundle(writer).source.url;
  }

  source(path: string, title: string): SourceEntry {
    return {
      url: `https://soak.example.org/${path}`,
      title,
      kind: 'ARTICLE',
      // After every claim's saidOn: a report never places a claim earlier than it was said.
      publishedOn: { value: '2018-03-01' },
    };
  }

  /**
   * The `number`-th bundle of `writer`: three stories (each by key, or by `sameAs` where the writer knows the story's
   * claim and the dice say so), in its own words and mode, and one claim of its own, in a random order. Invalid
   * bundles carry a date with no such day.
   */
  bundle(
    writer: string,
    number: number,
    random: Random,
    knownStoryIds: ReadonlyMap<string, string>,
    invalid: boolean,
  ): Bundle {
    const source = this.source(`${this.run}/${writer}/${number}`, `Soak report ${number} of ${writer}`);
    const chosen = new Set<Story>();
    while (chosen.size < 3) chosen.add(random.pick(this.stories));
    const words = `${writer} bundle ${number}`;
    const stories = [...chosen].map((story): ClaimEntry => {
      const text = `${story.key}, as ${words} prints it`;
      const mode = random.pick(MODES);
      const id = knownStoryIds.get(story.key);
      if (id && random.chance(1 / 3)) return { sameAs: id, text, mode, medium: 'INTERVIEW' };
      return {
        key: story.key,
        text,
        mode,
        medium: 'INTERVIEW',
        speakers: story.speakers,
        saidOn: { value: story.saidOn },
        stances: story.stances,
        ...(story.events.length > 0 ? { events: story.events } : {}),
      };
    });
    const own: ClaimEntry = {
      key: `${this.run}-${writer}-bundle-${number}`,
      text: `The own claim of ${words}`,
      mode: 'PARAPHRASE',
      medium: 'SPEECH',
      speakers: [random.pick(this.speakers)],
      saidOn: { value: invalid ? '2017-02-30' : dayOf(random.int(0, 300)) },
      stances: [{ proposition: random.pick(this.propositions), stance: random.pick(STANCE_CHOICES) }],
    };
    const claims = [...stories, own];
    for (let i = claims.length - 1; i > 0; i -= 1) {
      const j = random.int(0, i);
      [claims[i], claims[j]] = [claims[j]!, claims[i]!];
    }
    return { source, claims };
  }
}

/** A day of 2017, the n-th of a cycle through its first 28 days of each month. */
export function dayOf(n: number): string {
  const month = (n % 12) + 1;
  const day = (Math.floor(n / 12) % 28) + 1;
  return `2017-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
