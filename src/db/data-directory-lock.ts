import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The process that has a PGlite data directory open, as its lock file records it. */
export interface DataDirectoryOwner {
  pid: number;
  /** What the process is, as a person runs it: `npm start`, `npm run keys`. */
  command: string;
  /** The server's GraphQL URL, once it listens. */
  url?: string;
  /** The Unix socket on which the server takes `npm run keys` commands, once it listens. */
  keysSocket?: string;
}

/** The lock of a data directory this process holds until it closes the database. */
export interface DataDirectoryLock {
  /** Adds what others may need of the owner (its URL, its keys socket) to the lock. */
  describe(details: Pick<DataDirectoryOwner, 'url' | 'keysSocket'>): void;
  release(): void;
}

/** PGlite's data directory is open in another live process, which `owner` names; null when its lock is unreadable. */
export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirectoryOwner | null,
  ) {
    super(inUseMessage(dataDir, owner));
    this.name = 'DataDirectoryInUseError';
  }
}

export const LOCK_FILE = 'whosaid.lock';

// Lock files this process holds, by absolute path: the same process opening a directory twice is refused too, while
// a lock that names this process's pid without being held here is a dead process's whose pid came round again.
const held = new Set<string>();

/**
 * Takes the lock of `dataDir`, which must exist: `whosaid.lock`, holding the owner's pid and command. A lock whose
 * process is gone (a crash, a SIGKILL) is taken over; one whose process lives throws a DataDirectoryInUseError.
 */
export function lockDataDirectory(dataDir: string, command: string): DataDirectoryLock {
  const path = resolve(dataDir, LOCK_FILE);
  const owner: DataDirectoryOwner = { pid: process.pid, command };
  if (held.has(path)) throw new DataDirectoryInUseError(dataDir, ownerIn(path) ?? null);
  // Three rounds: one that finds a stale lock removes it, and the next takes the directory or meets whoever did.
  let taken = false;
  for (let round = 0; round < 3 && !taken; round++) {
    taken = createExclusively(path, owner);
    if (!taken) takeOverIfStale(dataDir, path, owner);
  }
  if (!taken) throw new DataDirectoryInUseError(dataDir, ownerIn(path) ?? null);
  held.add(path);
  let current = owner;
  return {
    describe(details) {
      current = { ...current, ...details };
      const next = `${path}.${process.pid}`;
      writeFileSync(next, JSON.stringify(current));
      renameSync(next, path);
    },
    release() {
      if (!held.delete(path)) return;
      if (ownerIn(path)?.pid === process.pid) rmSync(path, { force: true });
    },
  };
}

/** The live process that has `dataDir` open, as its lock names it; undefined when none does. */
export function dataDirectoryOwner(dataDir: string): DataDirectoryOwner | undefined {
  return liveOwner(resolve(dataDir, LOCK_FILE)) ?? undefined;
}

/** Whether this call made the file at `path`, whole: it is written beside it and linked in, which fails if it exists. */
function createExclusively(path: string, owner: DataDirectoryOwner): boolean {
  const draft = `${path}.${process.pid}`;
  writeFileSync(draft, JSON.stringify(owner));
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Removes the lock at `path` if its process is gone; throws if it lives. Removal happens only under a second lock
 * (`whosaid.lock.stale`), so that of two processes that found the same stale lock, one cannot remove the lock the
 * other has just taken in its place.
 */
function takeOverIfStale(dataDir: string, path: string, owner: DataDirectoryOwner): void {
  const current = liveOwner(path);
  if (current !== undefined) throw new DataDirectoryInUseError(dataDir, current);
  const breaker = `${path}.stale`;
  if (!createExclusively(breaker, owner)) {
    // Another process is taking the lock over this moment; or it died doing so, and its breaker is stale too.
    const other = liveOwner(breaker);
    if (other) throw new DataDirectoryInUseError(dataDir, other);
    rmSync(breaker, { force: true });
    return;
  }
  try {
    if (liveOwner(path) === undefined) rmSync(path, { force: true });
  } finally {
    rmSync(breaker, { force: true });
  }
}

/** The lock's owner if that process is alive; undefined without a lock or with a dead owner; null when unreadable. */
function liveOwner(path: string): DataDirectoryOwner | null | undefined {
  const owner = ownerIn(path);
  if (!owner) return owner;
  const alive = owner.pid === process.pid ? held.has(path) : isAlive(owner.pid);
  return alive ? owner : undefined;
}

function ownerIn(path: string): DataDirectoryOwner | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const owner = JSON.parse(text) as DataDirectoryOwner;
    return Number.isInteger(owner.pid) && typeof owner.command === 'string' ? owner : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it lives, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUseMessage(dataDir: string, owner: DataDirectoryOwner | null): string {
  if (!owner) {
    return (
      `whosaid: PGlite in ${dataDir} is locked by ${join(dataDir, LOCK_FILE)}, which cannot be read. ` +
      'If no whosaid process uses that directory, delete the file and run this again.'
    );
  }
  const who = `${owner.command} (pid ${owner.pid})${owner.url ? ` at ${owner.url}` : ''}`;
  return [
    `whosaid: PGlite in ${dataDir} is in use by ${who}, and PGlite takes one process per data directory.`,
    `Stop that process first (Ctrl-C where it runs, or kill ${owner.pid}), or give this one another WHOSAID_DATA_DIR;` +
      ' processes can share a Postgres server (DATABASE_URL) instead.',
    ...(owner.keysSocket ? ['API keys need no stop: npm run keys -- create|list|revoke asks the running server.'] : []),
  ].join('\n');
}
