import { sha256Hex } from '../sha256.js';
import type { ClaimInput } from './source-bundle.js';

/**
 * A claim's natural key: the key the bundle gives it or, without one, a hash of the reporting source, who said
 * it, the words and the date, so that the same statement imported again is recognised. (A keyless claim whose
 * words are corrected is therefore a new claim; give claims keys to correct them in place.)
 */
export async function claimKey(claim: ClaimInput, sourceUrl: string): Promise<string> {
  if (claim.key) return claim.key;
  const identity = JSON.stringify([
    sourceUrl,
    [...(claim.speakers ?? [])].sort(),
    claim.speakerDescription ?? null,
    claim.text,
    claim.saidOn?.value ?? null,
  ]);
  return `sha256:${await sha256Hex(identity)}`;
}
