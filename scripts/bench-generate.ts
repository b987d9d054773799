// `npm run bench:generate -- --size small|medium|large [--seed N] [--replace]`: loads a generated archive into
// DATABASE_URL and says how long each step took. `--pglite` loads an in-memory PGlite instead, to time that.
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
  type SizeName,
} from '../bench/generate.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    seed: { type: 'string' },
    replace: { type: 'boolean', default: false },
    pglite: { type: 'boolean', default: false },
  },
});
const url = process.env.DATABASE_URL;
if (!url && !values.pglite) fail('Set DATABASE_URL to the Postgres database to load (or give --pglite)');
if (!SIZE_NAMES.includes(values.size as SizeName)) fail(`Give --size ${SIZE_NAMES.join('|')}`);
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 31)
  fail(`--seed must be an integer from 0 to 2^31 - 1, not "${values.seed}"`);

const options: LoadOptions = {
  size: values.size as SizeName,
  seed,
  replace: values.replace,
  onStep: (step, ms) => console.log(`${step.padEnd(26)} ${(ms / 1000).toFixed(1).padStart(7)} s`),
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
