import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { Bound, Measurement } from './http-load.js';
import type { QueryName, Subjects } from './mix-types.js';

export interface ServerMeasurement extends Measurement {
  /** Mean SQL statements per request; null where the server cannot tell. */
  statementsPerRequest: number | null;
}

export interface QueryResult {
  name: QueryName;
  whosaid: ServerMeasurement;
  /** The baseline checkout's whosaid, run right after whosaid (--baseline); null where it could not answer. */
  baseline?: ServerMeasurement | null;
  /** whosaid's requests per second over the baseline's. */
  rpsVsBaseline?: number | null;
  peer: ServerMeasurement | null;
  /** The same SQL straight through the driver; null for writes. */
  floor: ServerMeasurement | null;
  /** whosaid's requests per second over PostGraphile's: 1 or more meets the target. */
  rpsVsPeer: number | null;
  /** whosaid's p50 over the floor's: at most 2 meets the target. */
  p50VsFloor: number | null;
  /** The floor's requests per second over whosaid's. */
  floorRpsVsWhosaid: number | null;
}

export interface EdgeFigures {
  gzipBytes: number | null;
  startupCpuMs: number | null;
  /** Requests per second of the Worker in workerd through the Neon driver, by query. */
  worker: Partial<Record<QueryName, Measurement>>;
  notes: string[];
}

export interface Report {
  size: string;
  startedAt: string;
  settings: { connections: number; run: Bound; warmup: Bound; pageSize: number };
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; postgres: string; os: string };
  database: { claims: number; actors: number; events: number; propositions: number; sources: number };
  subjects: Subjects;
  /** The other checkout each query was run on too (--baseline), and the commits of both. */
  baseline?: { checkout: string; commit: string | null; whosaidCommit: string | null };
  queries: QueryResult[];
  /** A figure is left out where a query it needs was not run (--queries). */
  growth: {
    /** p50 of timeline page 1,000 over page 1: within 1.5 meets the target. */
    page1000VsPage1?: number | null;
    /** p50 of the actor page at first=100 over first=10. */
    pageSize100VsPageSize10?: number | null;
    actorPage100?: ServerMeasurement;
    /** whosaid's p50 of mutationMix over mutationMixSmallPair's: a write on the big pair over one on the small pair. */
    bigPairVsSmallPair?: number | null;
    /** The read queries on a second database (--compare-url): its p50 over this one's, by query. */
    compared: { database: Report['database']; p50Ratio: Partial<Record<QueryName, number | null>> } | null;
  };
  edge: EdgeFigures | null;
  notes: string[];
}

export const ratio = (numerator: number | undefined, denominator: number | undefined): number | null =>
  numerator === undefined || denominator === undefined || !Number.isFinite(numerator) || !(denominator > 0)
    ? null
    : Math.round((numerator / denominator) * 100) / 100;

const figure = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
const latencies = (m: Measurement | null) => (m ? `${figure(m.p50)} / ${figure(m.p95)} / ${figure(m.p99)}` : '–');

const tableRow = (cells: string[]) => `| ${cells.join(' | ')} |`;
const count = (value: number) => value.toLocaleString('en');

/** The report as markdown: the mix side by side, growth, edge and the machine. */
export function markdownReport(report: Report): string {
  const { machine, database, settings } = report;
  const bound = (b: Bound) => ('seconds' in b ? `${b.seconds} s` : `${b.requests} requests`);
  const lines = [
    `## whosaid benchmark: ${report.size} (${count(database.claims)} claims, ${count(database.actors)} actors)`,
    '',
    `${report.startedAt}; ${settings.connections} connections, ${bound(settings.run)} per query after ${bound(settings.warmup)} of warm-up, page size ${settings.pageSize}.`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; PostgreSQL ${machine.postgres}; ${machine.os}.`,
    '',
    ...queryTable(report.queries),
    ...pairLines(report),
    ...baselineSection(report),
    ...growthSection(report),
    ...edgeSection(report.edge),
    ...errorsSection(report.queries),
  ];
  if (report.notes.length > 0) lines.push('', '### Notes', '', ...report.notes.map((note) => `- ${note}`));
  return `${lines.join('\n')}\n`;
}

function queryTable(queries: QueryResult[]): string[] {
  return [
    '| query | whosaid req/s | PostGraphile req/s | whosaid / PostGraphile | floor req/s | whosaid p50 / p95 / p99 ms | PostGraphile p50 / p95 / p99 ms | floor p50 ms | whosaid p50 / floor p50 | SQL per request whosaid / PostGraphile | errors whosaid / PostGraphile |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...queries.map((q) =>
      tableRow([
        q.name,
        figure(q.whosaid.requestsPerSecond, 0),
        figure(q.peer?.requestsPerSecond, 0),
        figure(q.rpsVsPeer, 2),
        figure(q.floor?.requestsPerSecond, 0),
        latencies(q.whosaid),
        latencies(q.peer),
        figure(q.floor?.p50),
        figure(q.p50VsFloor, 2),
        `${figure(q.whosaid.statementsPerRequest)} / ${figure(q.peer?.statementsPerRequest)}`,
        `${q.whosaid.errors} / ${q.peer ? q.peer.errors : '–'}`,
      ]),
    ),
  ];
}

/** Under the table: how many claims the pairs of the writes that ran hold, and what the big one costs over the small. */
function pairLines({ queries, subjects, growth }: Report): string[] {
  const ran = (name: QueryName) => queries.some((q) => q.name === name);
  const lines: string[] = [];
  if (ran('mutationMix')) {
    lines.push(
      `- mutationMix writes on a pair with ${count(subjects.bigPairClaims)} claims: the actor who said most (${subjects.actorSlug}) on the most disputed proposition (${subjects.propositionSlug}).`,
    );
  }
  if (ran('mutationMixSmallPair')) {
    lines.push(
      `- mutationMixSmallPair writes on a pair with ${count(subjects.smallPairClaims)} claims: ${subjects.smallPairActorSlug} on ${subjects.smallPairPropositionSlug}.`,
    );
  }
  if (growth.bigPairVsSmallPair !== undefined) {
    lines.push(`- write on the big pair / write on the small pair, by p50: ${figure(growth.bigPairVsSmallPair, 2)}`);
  }
  return lines.length > 0 ? ['', ...lines] : [];
}

function baselineSection({ baseline, queries }: Report): string[] {
  if (!baseline) return [];
  return [
    '',
    '### Against the baseline',
    '',
    `whosaid at ${baseline.whosaidCommit ?? 'an unknown commit'} and the baseline at ${baseline.commit ?? 'an unknown commit'} (${baseline.checkout}), each query run on the baseline right after whosaid, on the same database.`,
    '',
    '| query | whosaid req/s | baseline req/s | whosaid / baseline | whosaid p50 ms | baseline p50 ms | SQL per request whosaid / baseline | errors whosaid / baseline |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...queries.map((q) =>
      tableRow([
        q.name,
        figure(q.whosaid.requestsPerSecond, 0),
        figure(q.baseline?.requestsPerSecond, 0),
        figure(q.rpsVsBaseline, 2),
        figure(q.whosaid.p50),
        figure(q.baseline?.p50),
        `${figure(q.whosaid.statementsPerRequest)} / ${figure(q.baseline?.statementsPerRequest)}`,
        `${q.whosaid.errors} / ${q.baseline ? q.baseline.errors : '–'}`,
      ]),
    ),
  ];
}

function growthSection({ growth, database }: Report): string[] {
  const lines: string[] = [];
  if (growth.page1000VsPage1 !== undefined) {
    lines.push(`- Timeline page 1,000 / page 1, p50: ${figure(growth.page1000VsPage1, 2)} (target: at most 1.5)`);
  }
  if (growth.actorPage100) {
    lines.push(
      `- Actor page first=100 / first=10, p50: ${figure(growth.pageSize100VsPageSize10, 2)} (actorPage at 100: ${figure(growth.actorPage100.requestsPerSecond, 0)} req/s, p50 ${figure(growth.actorPage100.p50)} ms)`,
    );
  }
  const { compared } = growth;
  if (compared) {
    lines.push(
      `- ${count(compared.database.claims)} claims / ${count(database.claims)} claims, p50: ` +
        Object.entries(compared.p50Ratio)
          .map(([name, value]) => `${name} ${figure(value, 2)}`)
          .join(', '),
    );
  }
  return lines.length > 0 ? ['', '### Growth', '', ...lines] : [];
}

function edgeSection(edge: EdgeFigures | null): string[] {
  if (!edge) return [];
  return [
    '',
    '### Edge',
    '',
    `- Worker bundle: ${edge.gzipBytes === null ? '–' : `${(edge.gzipBytes / 1024).toFixed(1)} KiB gzip`}`,
    `- Startup CPU (wrangler check startup): ${edge.startupCpuMs === null ? '–' : `${edge.startupCpuMs} ms`}`,
    ...Object.entries(edge.worker).map(
      ([name, m]) =>
        `- Worker in workerd via the Neon driver, ${name}: ${figure(m.requestsPerSecond, 0)} req/s, p50 / p95 / p99 ${latencies(m)} ms, ${m.errors} errors`,
    ),
    ...edge.notes.map((note) => `- ${note}`),
  ];
}

function errorsSection(queries: QueryResult[]): string[] {
  const failures = queries.flatMap((q) =>
    (
      [
        ['whosaid', q.whosaid],
        ['the baseline', q.baseline],
        ['PostGraphile', q.peer],
        ['the floor', q.floor],
      ] as const
    ).flatMap(([server, m]) =>
      m?.firstError ? [`- ${q.name} on ${server}: ${m.errors} errors, the first: ${m.firstError}`] : [],
    ),
  );
  return failures.length > 0 ? ['', '### Errors', '', ...failures] : [];
}

/** Requests per second by query: whosaid, PostGraphile and the floor side by side, as an SVG bar chart. */
export async function chartSvg(report: Report): Promise<string> {
  const values = report.queries.flatMap((q) =>
    (
      [
        ['whosaid', q.whosaid],
        ['PostGraphile', q.peer],
        ['raw SQL floor', q.floor],
      ] as const
    ).flatMap(([server, m]) => (m ? [{ query: q.name, server, rps: m.requestsPerSecond }] : [])),
  );
  const servers = ['whosaid', 'PostGraphile', 'raw SQL floor'];
  // A log scale, so that a query at 20 req/s and one at 2,000 both show how the three compare.
  const spec: vegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Requests per second by query (${report.size}: ${report.database.claims.toLocaleString('en')} claims)`,
    data: { values },
    facet: { column: { field: 'query', type: 'nominal', sort: report.queries.map((q) => q.name), title: null } },
    spec: {
      width: 90,
      height: 240,
      encoding: {
        x: { field: 'server', type: 'nominal', axis: null, sort: servers },
        y: {
          field: 'rps',
          type: 'quantitative',
          scale: { type: 'log', domainMin: 1 },
          title: 'requests per second (log scale)',
        },
      },
      layer: [
        {
          mark: 'bar',
          encoding: {
            y2: { datum: 1 },
            color: { field: 'server', type: 'nominal', sort: servers, legend: { orient: 'bottom', title: null } },
          },
        },
        {
          mark: { type: 'text', dy: -6, fontSize: 9 },
          encoding: { text: { field: 'rps', type: 'quantitative', format: '.0f' } },
        },
      ],
    },
    config: { background: 'white' },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
