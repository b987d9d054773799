import { Redis } from 'ioredis';

/**
 * The connection to the Redis that the instances of one deployment share their rate limit and read cache through.
 * While it is down, each instance counts and caches in its own process: Redis is never a reason to refuse a request.
 */
export interface RedisLink {
  redis: Redis;
  /** Every key this deployment writes starts with it, so that deployments (and tests) sharing a Redis stay apart. */
  prefix: string;
  /** Whether a command sent now would be answered: otherwise the caller does the work in its own process. */
  isUp(): boolean;
  /** Runs `listener` each time Redis comes back after it was lost, before requests use it again. */
  onReturn(listener: () => Promise<void>): void;
  close(): Promise<void>;
}

/**
 * Connects to `url`, and keeps trying while it cannot, without holding anything up: a command fails at once while
 * the connection is down (no offline queue), and within a second if Redis stops answering. Says once when Redis is
 * lost and once when it is back, through `log`.
 */
export function openRedisLink(url: string, prefix: string, log: (line: string) => void): RedisLink {
  const where = redactedUrl(url);
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1_000,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  const returnListeners: (() => Promise<void>)[] = [];
  let up = false;
  let everUp = false;
  let lostSaid = false;
  const lost = (reason: string) => {
    up = false;
    if (lostSaid) return;
    lostSaid = true;
    log(
      `whosaid: Redis at ${where} ${everUp ? 'lost' : 'not reachable'} (${reason}): rate limit and read cache are kept in this process until it is back`,
    );
  };
  redis.on('ready', () => {
    const returned = lostSaid;
    const settle = returned
      ? Promise.all(returnListeners.map((listener) => listener())).then(() => {})
      : Promise.resolve();
    settle
      .catch((error: unknown) => log(`whosaid: Redis at ${where} is back but could not be reset: ${String(error)}`))
      .finally(() => {
        if (redis.status !== 'ready') return;
        log(
          everUp
            ? `whosaid: Redis at ${where} is back: rate limit and read cache are shared again`
            : `whosaid: rate limit and read cache shared through Redis at ${where}`,
        );
        up = true;
        everUp = true;
        lostSaid = false;
      });
  });
  redis.on('error', (error: Error) => lost(error.message));
  redis.on('close', () => lost('connection closed'));
  return {
    redis,
    prefix,
    isUp: () => up && redis.status === 'ready',
    onReturn: (listener) => returnListeners.push(listener),
    async close() {
      up = false;
      lostSaid = true;
      redis.disconnect();
    },
  };
}

function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.href;
}
