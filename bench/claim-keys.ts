let latest = 0;

/**
 * The start of the claim keys of one write run: `prefix`, then the time in base 36, so that runs against one database
 * do not collide (claims.key is unique). Never the same twice in one process: two runs may be prepared within one
 * millisecond (the small pair's after the big pair's, the baseline's after whosaid's).
 */
export function runKeyPrefix(prefix: string): string {
  latest = Math.max(Date.now(), latest + 1);
  return `${prefix}-${latest.toString(36)}`;
}
