// `npm run bench`: whosaid against PostGraphile and the raw-SQL floor on the database at DATABASE_URL, then growth and
// the edge; writes bench/results/<size>.json, .md and .svg. See bench/README.md for the flags.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { postgresSettings, settingsOrExit } from '../src/config/settings.js';
import { runBenchmark } from './benchmark.js';
import { searchTerms } from './generate.js';
import type { Bound } from './http-load.js';
import { type QueryName, queryNamesFrom } from './mix-types.js';
import { postgraphileMix } from './postgraphile/mix.js';
import { chartSvg, markdownReport } from './report.js';
import { whosaidMix } from './whosaid-mix.js';

const usage = `usage: DATABASE_URL=postgres://… npm run bench -- [--size small|medium|large] [--seconds 10 | --requests N]
  [--warmup-seconds 2] [--connections 10] [--page-size 10] [--queries NAME,NAME] [--compare-url postgres://…]
  [--baseline DIR] [--no-peer] [--no-edge] [--out bench/results]`;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'small' },
    seconds: { type: 'string' },
    requests: { type: 'string' },
    'warmup-seconds': { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    'page-size': { type: 'string', default: '10' },
    queries: { type: 'string' },
    'compare-url': { type: 'string' },
    baseline: { type: 'string' },
    'no-peer': { type: 'boolean', default: false },
    'no-edge': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.error(usage);
  process.exit(0);
}
const { databaseUrl } = settingsOrExit(
  postgresSettings,
  `DATABASE_URL is the Postgres database to benchmark (load it with npm run bench:generate).\n${usage}`,
);

const refuse = (message: string): never => {
  console.error(`${message}\n${usage}`);
  process.exit(1);
};

const positive = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!(number > 0)) refuse(`--${name} must be a positive number`);
  return number;
};

const queriesOf = (list: string | undefined): QueryName[] | undefined => {
  if (list === undefined) return undefined;
  try {
    return queryNamesFrom(list);
  } catch (error) {
    return refuse(`--queries: ${(error as Error).message}`);
  }
};

/** The baseline checkout, which must hold a whosaid server of its own. */
const checkoutOf = (directory: string | undefined): string | undefined => {
  if (directory === undefined) return undefined;
  const checkout = resolve(directory);
  if (!existsSync(join(checkout, 'src/server/node.ts'))) refuse(`--baseline: ${checkout} has no src/server/node.ts`);
  if (!existsSync(join(checkout, 'node_modules'))) refuse(`--baseline: ${checkout} has no node_modules`);
  return checkout;
};

const queries = queriesOf(values.queries);
const baselineCheckout = checkoutOf(values.baseline);
const requests = positive('requests', values.requests);
const run: Bound = requests ? { requests } : { seconds: positive('seconds', values.seconds) ?? 10 };
const warmup: Bound = requests
  ? { requests: Math.max(10, Math.round(requests / 10)) }
  : { seconds: positive('warmup-seconds', values['warmup-seconds'])! };

const report = await runBenchmark({
  databaseUrl,
  compareUrl: values['compare-url'],
  size: values.size,
  connections: positive('connections', values.connections)!,
  run,
  warmup,
  pageSize: positive('page-size', values['page-size'])!,
  searchQuery: searchTerms.moderate,
  queries,
  whosaidMix,
  peerMix: values['no-peer'] ? undefined : postgraphileMix,
  baselineCheckout,
  edge: !values['no-edge'],
  log: (line) => console.error(`bench: ${line}`),
});

const markdown = markdownReport(report);
mkdirSync(values.out, { recursive: true });
const base = join(values.out, values.size);
writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${base}.md`, markdown);
writeFileSync(`${base}.svg`, await chartSvg(report));
console.log(markdown);
console.log(`Written: ${base}.json, ${base}.md, ${base}.svg`);
