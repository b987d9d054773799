import type { z } from 'zod';

export interface ValidationIssue {
  /** Where in the input: `claims[3].saidOn.value`. */
  path: string;
  message: string;
}

/** Input that cannot be written as it is; nothing of it was written. */
export class ValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; '));
    this.name = 'ValidationError';
  }

  static fromZod(error: z.ZodError, prefix: (string | number)[] = []): ValidationError {
    return ValidationError.fromIssues(error.issues, prefix);
  }

  static fromIssues(
    issues: readonly { path?: readonly (PropertyKey | { key: PropertyKey })[] | undefined; message: string }[],
    prefix: (string | number)[] = [],
  ): ValidationError {
    return new ValidationError(
      issues.map((issue) => ({
        path: formatPath([
          ...prefix,
          ...(issue.path ?? []).map((part) => (typeof part === 'object' ? part.key : part)),
        ]),
        message: issue.message,
      })),
    );
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('');
}
