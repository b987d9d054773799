/** An update made against a version that is no longer the current one; nothing was written. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly currentVersion: number,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A write that names something whosaid does not have; nothing was written. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
