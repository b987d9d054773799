import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { changeFeedPage, type FeedPosition, type FeedRevision } from './change-feed.js';
import type { ListenForCommits } from './commit-notifications.js';
import type { Database } from './database.js';

/** Changes read from the feed at a time, by the process and by a subscription catching up. */
const PAGE = 500;
/** Changes held for one subscriber that has not taken them: past it, it reads the feed itself, or ends. */
export const DEFAULT_BUFFER_SIZE = 1_000;
/** A subscriber that has taken nothing for this long when its buffer fills is taken not to read: it is ended. */
export const DEFAULT_STALL_MS = 10_000;

const positionOf = (revision: FeedRevision): FeedPosition => ({ commit: revision.commitSequence, id: revision.id });
const isAfter = (revision: FeedRevision, position: FeedPosition) =>
  revision.commitSequence > position.commit ||
  (revision.commitSequence === position.commit && revision.id > position.id);

/** A subscriber left too many changes untaken: it is ended, and told why. */
export class FeedBacklogError extends Error {
  constructor(
    readonly bufferSize: number,
    readonly stallMs: number,
  ) {
    super(
      `The subscription was ended: ${bufferSize} changes were waiting for the client, which had read nothing for ` +
        `${stallMs / 1000} s. Reconnect with the last event id to go on from there.`,
    );
  }
}

const open = new Set<FeedSubscription>();

/** How many subscriptions to the change feed this process serves now. */
export function subscriptionsOpen(): number {
  return open.size;
}

/** Completes every subscription of this process, as a server shutting down does before it closes its connections. */
export function closeSubscriptions(): void {
  for (const subscription of open) subscription.close();
}

export interface FollowOptions {
  /** Go on after this position; without it, from the changes committed from now on. */
  after?: FeedPosition;
  /** Changes to API keys are an admin's to read. */
  includeApiKeys: boolean;
}

/**
 * The one reader of the change feed in a process: told that a commit happened (LISTEN, or its own polling, in case a
 * notification was lost), it reads the feed on from where it was and hands each change to every subscription. The
 * feed is the source of truth, so a notification lost or folded into another loses nothing.
 */
export class ChangeFeedHub {
  readonly #db: Database;
  readonly #subscribers = new Set<FeedSubscription>();
  readonly #bufferSize: number;
  readonly #stallMs: number;
  #position: FeedPosition = { commit: 0, id: 0 };
  #reading: Promise<void> | undefined;
  #readAgain = false;
  #stopListening: (() => Promise<void>) | undefined;
  #poll: ReturnType<typeof setInterval> | undefined;

  private constructor(db: Database, bufferSize: number, stallMs: number) {
    this.#db = db;
    this.#bufferSize = bufferSize;
    this.#stallMs = stallMs;
  }

  /** Starts at the end of the feed as it is, listening with `listen` and polling every `pollMs` as well. */
  static async start(
    db: Database,
    options: { listen?: ListenForCommits; pollMs?: number; bufferSize?: number; stallMs?: number } = {},
  ): Promise<ChangeFeedHub> {
    const hub = new ChangeFeedHub(db, options.bufferSize ?? DEFAULT_BUFFER_SIZE, options.stallMs ?? DEFAULT_STALL_MS);
    const [last] = await changeFeedPage(db, { limit: 1, backward: true, includeApiKeys: true });
    if (last) hub.#position = positionOf(last);
    // Bound to this moment, outside any request: PGlite tells of a commit within the request that made it, whose
    // log would otherwise count the hub's reading as its own statements.
    const wake = AsyncLocalStorage.bind(() => hub.wake());
    if (options.listen) {
      const listening = await options.listen(wake);
      hub.#stopListening = () => listening.stop();
    }
    const pollMs = options.pollMs ?? 5_000;
    if (pollMs > 0) {
      hub.#poll = setInterval(wake, pollMs);
      hub.#poll.unref();
    }
    return hub;
  }

  get position(): FeedPosition {
    return this.#position;
  }

  /** A subscription to the changes after `options.after` (or from now), read as the client takes them. */
  follow(options: FollowOptions): FeedSubscription {
    const subscription = new FeedSubscription(this.#db, options, {
      hub: this,
      bufferSize: this.#bufferSize,
      stallMs: this.#stallMs,
      from: this.#position,
    });
    this.#subscribers.add(subscription);
    return subscription;
  }

  /** @internal */
  leave(subscription: FeedSubscription): void {
    this.#subscribers.delete(subscription);
  }

  /** A commit may have happened: read the feed on, once at a time, again if woken meanwhile. */
  wake(): void {
    if (this.#reading) {
      this.#readAgain = true;
      return;
    }
    this.#reading = this.#readOn()
      .catch(() => {
        // The database is unreachable for now; the next notification or poll reads on from the same place.
      })
      .finally(() => {
        this.#reading = undefined;
        if (this.#readAgain) {
          this.#readAgain = false;
          this.wake();
        }
      });
  }

  async #readOn(): Promise<void> {
    for (;;) {
      const page = await changeFeedPage(this.#db, {
        after: this.#position,
        limit: PAGE,
        backward: false,
        includeApiKeys: true,
      });
      for (const revision of page) {
        this.#position = positionOf(revision);
        for (const subscriber of this.#subscribers) subscriber.deliver(revision);
      }
      if (page.length < PAGE) return;
    }
  }

  /** Stops listening and polling; the subscriptions are ended by closeSubscriptions. */
  async stop(): Promise<void> {
    clearInterval(this.#poll);
    await this.#stopListening?.();
    await this.#reading;
  }
}

/**
 * One subscriber's changes, in feed order, each once. Behind the feed (resuming from a position), it reads the feed
 * itself, page by page as the client takes them, until it is level; from then on it takes what the hub hands it,
 * holding at most `bufferSize`. Past that (a big commit, a slow client), what it holds is dropped and it reads the
 * feed itself again, at the client's pace; but a client that has taken nothing for `stallMs` is not reading at all,
 * and its subscription ends with a FeedBacklogError. What the hub hands it while it catches up is kept too, or, past
 * the bound, dropped and read again from the feed. Without a hub (the Worker), it reads the feed every `pollMs`.
 */
export class FeedSubscription implements AsyncIterableIterator<FeedRevision> {
  readonly #db: Database;
  readonly #includeApiKeys: boolean;
  readonly #hub: ChangeFeedHub | undefined;
  readonly #bufferSize: number;
  readonly #pollMs: number;
  readonly #stallMs: number;
  #lastTaken = Date.now();
  /** The last change read into `#pending`, or seen to be already there: nothing at or before it is taken again. */
  #readTo: FeedPosition | undefined;
  #pending: FeedRevision[] = [];
  /** The last change the client took. */
  #taken: FeedPosition | undefined;
  #live: FeedRevision[] = [];
  #catchingUp: boolean;
  #dropped = false;
  #backlog: FeedBacklogError | undefined;
  #closed = false;
  #wake: (() => void) | undefined;
  readonly #closing = new AbortController();

  constructor(
    db: Database,
    options: FollowOptions,
    source: { hub?: ChangeFeedHub; bufferSize?: number; stallMs?: number; from?: FeedPosition; pollMs?: number },
  ) {
    this.#db = db;
    this.#includeApiKeys = options.includeApiKeys;
    this.#hub = source.hub;
    this.#bufferSize = source.bufferSize ?? DEFAULT_BUFFER_SIZE;
    this.#pollMs = source.pollMs ?? 1_000;
    this.#stallMs = source.stallMs ?? DEFAULT_STALL_MS;
    this.#readTo = options.after ?? source.from;
    this.#taken = this.#readTo;
    this.#catchingUp = options.after !== undefined || !source.hub;
    open.add(this);
  }

  /** @internal The hub's next change. */
  deliver(revision: FeedRevision): void {
    if (this.#closed || this.#backlog) return;
    if (this.#readTo && !isAfter(revision, this.#readTo)) return;
    if (!this.#includeApiKeys && revision.entityType === 'ApiKey') return;
    if (this.#live.length + (this.#catchingUp ? 0 : this.#pending.length) >= this.#bufferSize) {
      if (Date.now() - this.#lastTaken >= this.#stallMs) {
        this.#backlog = new FeedBacklogError(this.#bufferSize, this.#stallMs);
        this.#release();
      } else {
        // What is pending was not taken yet: the feed gives it again, after the last change taken.
        if (!this.#catchingUp) {
          this.#readTo = this.#taken;
          this.#pending = [];
        }
        this.#live = [];
        this.#dropped = true;
        this.#catchingUp = true;
        this.#wake?.();
        return;
      }
    } else {
      this.#live.push(revision);
    }
    this.#wake?.();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<FeedRevision>> {
    for (;;) {
      if (this.#backlog) {
        const backlog = this.#backlog;
        this.close();
        throw backlog;
      }
      if (this.#closed) return { done: true, value: undefined };
      this.#lastTaken = Date.now();
      const next = this.#pending.shift();
      if (next) {
        this.#taken = positionOf(next);
        return { done: false, value: next };
      }
      if (this.#catchingUp) {
        await this.#readPage();
      } else if (this.#live.length > 0) {
        this.#pending = this.#live;
        this.#live = [];
      } else {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = undefined;
      }
    }
  }

  async #readPage(): Promise<void> {
    this.#dropped = false;
    // Without a position (the Worker, from now), the end of the feed as it is now.
    if (!this.#readTo) {
      const [last] = await changeFeedPage(this.#db, { limit: 1, backward: true, includeApiKeys: true });
      this.#readTo = last ? positionOf(last) : { commit: 0, id: 0 };
    }
    const page = await changeFeedPage(this.#db, {
      after: this.#readTo,
      limit: PAGE,
      backward: false,
      includeApiKeys: this.#includeApiKeys,
    });
    if (this.#closed) return;
    const last = page.at(-1);
    if (last) this.#readTo = positionOf(last);
    this.#pending = page;
    if (page.length < PAGE && !this.#dropped && this.#hub) {
      const readTo = this.#readTo;
      this.#live = this.#live.filter((revision) => isAfter(revision, readTo));
      this.#catchingUp = false;
    }
    if (page.length === 0 && !this.#hub) {
      await sleep(this.#pollMs, undefined, { signal: this.#closing.signal }).catch(() => {});
    }
  }

  async return(): Promise<IteratorResult<FeedRevision>> {
    this.close();
    return { done: true, value: undefined };
  }

  /** Ends it: the client's next read finds it complete. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#release();
    this.#closing.abort();
    this.#wake?.();
  }

  #release(): void {
    this.#pending = [];
    this.#live = [];
    this.#hub?.leave(this);
    open.delete(this);
  }
}

/** A subscription that polls the feed itself, every `pollMs`: where no process-wide hub can be kept (the Worker). */
export function pollChangeFeed(db: Database, options: FollowOptions & { pollMs?: number }): FeedSubscription {
  return new FeedSubscription(db, options, { pollMs: options.pollMs });
}
