/**
 * The benchmark's scale data: a newsroom archive generated from a size (bench/sizes.ts: small 1k claims, medium 100k,
 * large 1M) and a seed, the same rows for the same seed. `npm run bench:generate -- --size large` loads it into
 * DATABASE_URL. The most prolific actor and the words in searchTerms are fixed, so that the benchmark can ask for them.
 */
export { DEFAULT_SEED, type LoadOptions, loadPglite, loadPostgres } from './load.js';
export { SIZE_NAMES, SIZES, type SizeName } from './sizes.js';
export { PLANTED_TERMS, PROLIFIC_ACTOR, searchTerms } from './vocabulary.js';
