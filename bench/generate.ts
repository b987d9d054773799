/** The benchmark's scale data: a seeded archive at three sizes, loaded into Postgres or PGlite. */
export { DEFAULT_SEED, type LoadOptions, loadPglite, loadPostgres } from './load.js';
export { SIZES, SIZE_NAMES, type SizeName } from './sizes.js';
export { PLANTED_TERMS, PROLIFIC_ACTOR, searchTerms } from './vocabulary.js';
