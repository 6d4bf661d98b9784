/**
 * A JSON cache: an in-isolate LRU of serialised values in front of the Workers Cache API (per data
 * centre; in memory locally). Callers put a version in the key, so entries are never purged — a new
 * version simply misses, and old entries age out.
 */
export interface JsonCache {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown, ttlSeconds: number): Promise<void>;
}

// Module scope outlives a request inside one isolate; only plain strings are kept there, never I/O objects.
const MEMORY_MAX_ENTRIES = 500;
const MEMORY_MAX_CHARS = 8_000_000;
const memory = new Map<string, { json: string; expires: number }>();
let memoryChars = 0;

function remember(key: string, json: string, expires: number) {
  const old = memory.get(key);
  if (old) memoryChars -= old.json.length;
  memory.delete(key);
  memory.set(key, { json, expires });
  memoryChars += json.length;
  // Map iteration order is insertion order: the first entries are the least recently used.
  for (const [k, v] of memory) {
    if (memory.size <= MEMORY_MAX_ENTRIES && memoryChars <= MEMORY_MAX_CHARS) break;
    memory.delete(k);
    memoryChars -= v.json.length;
  }
}

function recall(key: string, now: number): string | undefined {
  const hit = memory.get(key);
  if (!hit) return undefined;
  memory.delete(key);
  if (hit.expires <= now) {
    memoryChars -= hit.json.length;
    return undefined;
  }
  memory.set(key, hit);
  return hit.json;
}

/**
 * `defer`: the unit of work's after-the-answer runner; given, a put's write to the Cache API goes out after the
 * answer instead of before it (the value is already in this isolate's memory, where the next read looks first).
 */
export function workersJsonCache(origin: string, defer?: (p: Promise<unknown>) => void): JsonCache | null {
  const store = (globalThis as { caches?: { default?: Cache } }).caches?.default;
  if (!store) return null;
  // Keys live under our own origin (the Cache API only stores URLs of the zone the worker serves).
  const url = (key: string) => new Request(`${origin}/__cache/${key}`);
  return {
    async get<T>(key: string) {
      const local = recall(key, Date.now());
      if (local !== undefined) return JSON.parse(local) as T;
      const hit = await store.match(url(key));
      if (!hit) return undefined;
      const json = await hit.text();
      remember(key, json, Date.now() + 60_000);
      return JSON.parse(json) as T;
    },
    async put(key, value, ttlSeconds) {
      const json = JSON.stringify(value);
      remember(key, json, Date.now() + ttlSeconds * 1000);
      const stored = store.put(
        url(key),
        new Response(json, { headers: { 'content-type': 'application/json', 'cache-control': `max-age=${ttlSeconds}` } }),
      );
      // A write that fails after the answer costs the next isolate a recompute, nothing more.
      if (defer) defer(stored.catch(() => {}));
      else await stored;
    },
  };
}
