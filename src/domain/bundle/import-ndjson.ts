import { ValidationError, type ValidationIssue } from '../validation-error.js';
import { type ImportSummary, importSourceBundle } from './import-source-bundle.js';

/** A line of an NDJSON import that is not a bundle whosaid takes: which line, and what is wrong with it. */
export class BundleLineError extends Error {
  constructor(
    readonly line: number,
    readonly issues: ValidationIssue[],
  ) {
    super(
      `line ${line}: ${issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')}`,
    );
    this.name = 'BundleLineError';
  }
}

/**
 * Imports NDJSON source bundles, one line at a time, each through importSourceBundle in a transaction of its own,
 * reading the next line only once the one before is in. A line that is not JSON or not a valid bundle stops the
 * import with a BundleLineError naming it; the lines before it stay imported (each is a whole bundle, and importing
 * them again changes nothing). Blank lines are passed over. Returns how many bundles it imported.
 */
export async function importNdjson(
  db: Parameters<typeof importSourceBundle>[0],
  lines: AsyncIterable<string>,
  options: { changedBy?: string; onImported?: (line: number, summary: ImportSummary) => void } = {},
): Promise<number> {
  let number = 0;
  let imported = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    let bundle: unknown;
    try {
      bundle = JSON.parse(line);
    } catch (error) {
      throw new BundleLineError(number, [{ path: '', message: `is not JSON: ${(error as Error).message}` }]);
    }
    let summary: ImportSummary;
    try {
      summary = await importSourceBundle(db, bundle, { changedBy: options.changedBy ?? 'import' });
    } catch (error) {
      if (error instanceof ValidationError) throw new BundleLineError(number, error.issues);
      throw error;
    }
    imported += 1;
    options.onImported?.(number, summary);
  }
  return imported;
}
