import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { workersJsonCache } from './json-cache';

// The origin the wiring keys the Cache API under (ours: the Cache API stores only the zone's own URLs).
const ORIGIN = (env as { APP_ORIGIN: string }).APP_ORIGIN;
const stored = async (key: string) => {
  const store = (caches as unknown as { default: Cache }).default;
  const hit = await store.match(new Request(`${ORIGIN}/__cache/${key}`));
  return hit ? ((await hit.json()) as unknown) : undefined;
};

describe('workersJsonCache', () => {
  it('with a defer, answers a put at once and writes the Cache API after the answer', async () => {
    const later: Promise<unknown>[] = [];
    const cache = workersJsonCache(ORIGIN, (p) => later.push(p))!;
    const key = `deferred-${crypto.randomUUID()}`;

    await cache.put(key, { ctl: 41.5 }, 60);

    expect(later).toHaveLength(1);
    expect(await cache.get(key)).toEqual({ ctl: 41.5 });
    await Promise.all(later);
    expect(await stored(key)).toEqual({ ctl: 41.5 });
  });

  it('without one, a put has written the Cache API when it resolves', async () => {
    const cache = workersJsonCache(ORIGIN)!;
    const key = `awaited-${crypto.randomUUID()}`;

    await cache.put(key, [1, 2, 3], 60);

    expect(await stored(key)).toEqual([1, 2, 3]);
  });
});
