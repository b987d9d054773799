// `npm run bench:generate -- --size small|medium|large [--seed N] [--replace]`: loads a generated archive into
// DATABASE_URL and says how long each step took. `--pglite` loads an in-memory PGlite instead, to time that; `--help`
// prints the usage.
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import {
  DEFAULT_SEED,
  type LoadOptions,
  loadPglite,
  loadPostgres,
  SIZE_NAMES,
  SIZES,
  type SizeName,
} from '../bench/generate.js';
import { postgresSettings, settingsOrExit } from '../src/config/settings.js';

const usage = `usage: DATABASE_URL=postgres://… npm run bench:generate -- --size ${SIZE_NAMES.join('|')} [--seed N] [--replace] [--pglite]
  --size NAME   how much to generate:
${SIZE_NAMES.map((name) => {
  const { claims, actors, events, propositions } = SIZES[name];
  const count = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}`;
  const counts = [
    count(claims, 'claims'),
    count(actors, 'actors'),
    count(events, 'events'),
    count(propositions, 'propositions'),
  ];
  return `                  ${name.padEnd(7)}${counts.join(', ')}`;
}).join('\n')}
  --seed N      the generator's seed, an integer from 0 to 2^31 - 1 (default ${DEFAULT_SEED}): the same seed, the same data
  --replace     empty a database that already holds recorded data first
  --pglite      load an in-memory PGlite instead of DATABASE_URL, to time that
  --help        print this`;

let values: { size?: string; seed?: string; replace: boolean; pglite: boolean; help: boolean };
try {
  ({ values } = parseArgs({
    options: {
      size: { type: 'string' },
      seed: { type: 'string' },
      replace: { type: 'boolean', default: false },
      pglite: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const url = values.pglite ? undefined : settingsOrExit(postgresSettings, usage).databaseUrl;
if (!SIZE_NAMES.includes(values.size as SizeName)) fail(`Give --size ${SIZE_NAMES.join('|')}\n${usage}`);
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 31)
  fail(`--seed must be an integer from 0 to 2^31 - 1, not "${values.seed}"`);

const options: LoadOptions = {
  size: values.size as SizeName,
  seed,
  replace: values.replace,
  onStep: (step, ms) => console.log(`${step.padEnd(30)} ${(ms / 1000).toFixed(1).padStart(7)} s`),
};
const started = performance.now();
let bytes: number;
try {
  bytes = values.pglite ? await intoPglite(options) : await intoPostgres(url!, options);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  fail(/already holds recorded data/.test(message) ? `${message} (--replace empties it first)` : message);
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `loaded ${values.size} (seed ${seed}) into ${values.pglite ? 'PGlite' : 'Postgres'} in ${seconds.toFixed(1)} s; ` +
    `database size ${(bytes / 2 ** 20).toFixed(0)} MiB`,
);

async function intoPostgres(url: string, options: LoadOptions): Promise<number> {
  await loadPostgres(url, options);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>(
      'SELECT pg_database_size(current_database())::text AS bytes',
    );
    return Number(rows[0]!.bytes);
  } finally {
    await client.end();
  }
}

async function intoPglite(options: LoadOptions): Promise<number> {
  const pglite = await PGlite.create({ extensions: { pg_trgm } });
  try {
    await loadPglite(pglite, options);
    const { rows } = await pglite.query<{ bytes: string }>(
      'SELECT pg_database_size(current_database())::text AS bytes',
    );
    return Number(rows[0]!.bytes);
  } finally {
    await pglite.close();
  }
}

function fail(message: string): never {
  console.error(`bench:generate: ${message}`);
  process.exit(1);
}
