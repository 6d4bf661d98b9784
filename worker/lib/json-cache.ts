/**
 * A JSON cache over the Workers Cache API (per data centre, in memory locally). Callers put a version in
 * the key, so entries are never purged — a new version simply misses. Absent outside workerd.
 */
export interface JsonCache {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown, ttlSeconds: number): Promise<void>;
}

export function workersJsonCache(origin: string): JsonCache | null {
  const store = (globalThis as { caches?: { default?: Cache } }).caches?.default;
  if (!store) return null;
  // Keys live under our own origin (the Cache API only stores URLs of the zone the worker serves).
  const url = (key: string) => new Request(`${origin}/__cache/${key}`);
  return {
    async get<T>(key: string) {
      const hit = await store.match(url(key));
      return hit ? ((await hit.json()) as T) : undefined;
    },
    async put(key, value, ttlSeconds) {
      await store.put(url(key), new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json', 'cache-control': `max-age=${ttlSeconds}` } }));
    },
  };
}
