import { type Cache, createInMemoryCache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { RedisLink } from './redis-link.js';

/** Questions whose answer was missed and is being worked out, by the generation they were asked in. */
const MOST_PENDING = 10_000;
/**
 * How long a missed question waits for its answer to be stored. A miss that is never followed by an answer (an
 * If-None-Match that found nothing, an answer with errors) is forgotten after it, so it cannot pin its question
 * to a generation long gone.
 */
const PENDING_MS = 60_000;

/**
 * The read cache's answers in Redis, so that every instance of a deployment serves them and a write through any
 * instance forgets them all: a write increments the cache's generation, and an answer counts only in the generation
 * it was stored in (old ones expire with their time to live). An answer is stored in the generation its question
 * was asked in, so that one worked out before a write and stored after it is never served.
 *
 * While Redis is down, answers are kept in this process, as a single server keeps them; when Redis is back, those
 * are dropped and the shared generation moves on, since writes made meanwhile could not say so through Redis.
 */
export function sharedReadCache(link: RedisLink): Cache {
  const generationKey = `${link.prefix}read-cache:generation`;
  const answerKey = (id: string) => `${link.prefix}read-cache:answer:${id}`;
  const pending = new Map<string, { generation: string; at: number }>();
  let local = createInMemoryCache();
  link.onReturn(async () => {
    local = createInMemoryCache();
    pending.clear();
    await link.redis.incr(generationKey);
  });
  return {
    async get(id) {
      if (!link.isUp()) return local.get(id);
      try {
        const [storedGeneration, stored] = await link.redis.mget(generationKey, answerKey(id));
        const generation = storedGeneration ?? '0';
        const answer = stored ? (JSON.parse(stored) as { generation: string; result: ExecutionResult }) : undefined;
        if (answer?.generation === generation) return answer.result;
        // The earliest generation of those asking: an answer worked out before a write never counts after it.
        const now = Date.now();
        const asked = pending.get(id);
        if (pending.size >= MOST_PENDING) pending.clear();
        if (!asked || now - asked.at > PENDING_MS) pending.set(id, { generation, at: now });
        return undefined;
      } catch {
        return local.get(id);
      }
    },
    async set(id, result, entities, ttl) {
      const generation = pending.get(id)?.generation;
      pending.delete(id);
      if (!link.isUp()) return local.set(id, result, entities, ttl);
      if (generation === undefined) return;
      const value = JSON.stringify({ generation, result });
      try {
        if (Number.isFinite(ttl)) await link.redis.set(answerKey(id), value, 'PX', ttl);
        else await link.redis.set(answerKey(id), value);
      } catch {
        // An answer not kept is only asked for again.
      }
    },
    async invalidate(entities) {
      await local.invalidate(entities);
      if (!link.isUp()) return;
      try {
        await link.redis.incr(generationKey);
      } catch {
        // Redis went away as it was told; when it is back, the generation moves on anyway.
      }
    },
  };
}
