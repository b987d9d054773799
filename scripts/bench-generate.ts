// `npm run bench:generate -- --size small|medium|large [--seed N] [--replace]`: loads a generated archive into DATABASE_URL.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEFAULT_SEED, SIZE_NAMES, type SizeName, loadPostgres } from '../bench/generate.js';

const { values } = parseArgs({
  options: { size: { type: 'string' }, seed: { type: 'string' }, replace: { type: 'boolean', default: false } },
});
const url = process.env.DATABASE_URL;
if (!url) fail('Set DATABASE_URL to the Postgres database to load');
if (!SIZE_NAMES.includes(values.size as SizeName)) fail(`Give --size ${SIZE_NAMES.join('|')}`);
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 31) fail(`--seed must be an integer from 0 to 2^31 - 1, not "${values.seed}"`);

const started = performance.now();
try {
  await loadPostgres(url, {
    size: values.size as SizeName,
    seed,
    replace: values.replace,
    onStep: (step, ms) => console.log(`${step.padEnd(26)} ${(ms / 1000).toFixed(1).padStart(7)} s`),
  });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  fail(/already holds recorded data/.test(message) ? `${message} (--replace empties it first)` : message);
}
const seconds = (performance.now() - started) / 1000;
const client = new pg.Client({ connectionString: url });
await client.connect();
const { rows } = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database())::text AS bytes');
await client.end();
console.log(`loaded ${values.size} (seed ${seed}) in ${seconds.toFixed(1)} s; database size ${(Number(rows[0]!.bytes) / 2 ** 20).toFixed(0)} MiB`);

function fail(message: string): never {
  console.error(`bench:generate: ${message}`);
  process.exit(1);
}
