import * as z from 'zod';

const error = 'must be a whole number, 1 or more';

/** bench/peer-process.ts's own setting, beside the database's: how many connections PostGraphile's pool has. */
export const peerSettings = z.object({
  /** Unset (or empty): PostGraphile's default. */
  PEER_CONNECTIONS: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number({ error }).int({ error }).min(1, { error }).optional(),
  ),
});
