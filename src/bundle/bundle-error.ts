import type { z } from 'zod';

export interface BundleIssue {
  /** Where in the bundle: `claims[3].saidOn.value`. */
  path: string;
  message: string;
}

/** A bundle that cannot be imported as it is; nothing of it was written. */
export class BundleError extends Error {
  constructor(readonly issues: BundleIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
    this.name = 'BundleError';
  }

  static fromZod(error: z.ZodError, prefix: (string | number)[] = []): BundleError {
    return new BundleError(
      error.issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message })),
    );
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('');
}
