import { readFileSync } from 'node:fs';

/**
 * The seed dataset's one bundle: the Vox article whosaid was conceived on, as `npm start` loads it; read afresh, as a
 * client would send it, so that a test may change a copy of it.
 */
export const SEED_BUNDLE = JSON.parse(
  readFileSync(new URL('../../src/domain/seed/vox-2017-05-16-russia-isis.json', import.meta.url), 'utf8'),
);

/** The url of that article, the source most of the seed's claims are reported in. */
export const VOX_URL = 'https://www.vox.com/world/2017/5/16/15646202/trump-russia-isis-syria-assad';
