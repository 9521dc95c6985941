import type { RedisClient } from './redisClient.js';

interface Cursor {
  key: string;
  /** Fetched and not yet taken: ids with their scores, highest score first. */
  buffer: { id: string; score: number }[];
  offset: number;
  exhausted: boolean;
}

/**
 * The `limit` members with the highest scores over several sorted sets,
 * highest first: a merge that reads each set a page at a time, so it never
 * reads more than `limit` plus one page per set.
 */
export async function newestIds(
  redis: RedisClient,
  sets: readonly string[],
  limit: number,
): Promise<string[]> {
  if (limit <= 0) return [];
  if (sets.length === 1) return redis.zrevrange(sets[0] as string, 0, limit - 1);
  const page = Math.max(16, Math.ceil((limit / sets.length) * 1.5));
  const cursors: Cursor[] = sets.map((key) => ({ key, buffer: [], offset: 0, exhausted: false }));
  const refill = (cursor: Cursor) =>
    redis
      .zrevrange(cursor.key, cursor.offset, cursor.offset + page - 1, 'WITHSCORES')
      .then((flat) => {
        for (let i = 0; i + 1 < flat.length; i += 2)
          cursor.buffer.push({ id: flat[i] as string, score: Number(flat[i + 1]) });
        cursor.offset += page;
        if (flat.length < page * 2) cursor.exhausted = true;
      });
  const ids: string[] = [];
  while (ids.length < limit) {
    const empty = cursors.filter((cursor) => cursor.buffer.length === 0 && !cursor.exhausted);
    if (empty.length > 0) await Promise.all(empty.map(refill));
    let best: Cursor | undefined;
    for (const cursor of cursors) {
      const head = cursor.buffer[0];
      if (head !== undefined && (best === undefined || head.score > (best.buffer[0]?.score ?? 0)))
        best = cursor;
    }
    const taken = best?.buffer.shift();
    if (taken === undefined) break;
    ids.push(taken.id);
  }
  return ids;
}
