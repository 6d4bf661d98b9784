// The page's queue of changes made without signal (ADR 080): "mark done" and "not done" on a planned workout, kept
// in IndexedDB with an Idempotency-Key made once per action, so each replay is the same request and the API acts
// at most once. Replayed from the page (Background Sync exists only in Chromium): when the browser says it is
// online, at start-up, and every few seconds while something waits. A refusal (the workout deleted meanwhile:
// 404) is kept as a conflict for the banner to show, never dropped silently. Browser only.

export interface QueuedChange {
  /** The Idempotency-Key, and the entry's id. */
  key: string;
  method: 'PUT' | 'DELETE';
  url: string;
  body: unknown;
  /** What it was, in words ("Marked “Easy run” done"). */
  label: string;
  workoutId: string;
  queuedAt: string;
  /** Set once the API refused it for good; it stays until the athlete dismisses it. */
  conflict?: string;
}

export type SendResult =
  | { state: 'sent'; status: number; body: unknown }
  | { state: 'queued' }
  | { state: 'refused'; status: number; message: string };

const DB = 'cadence-offline';
const STORE = 'changes';
export const QUEUE_EVENT = 'cadence:offline-queue';
/** Retries while something waits; a 409 IDEMPOTENCY_KEY_IN_USE or a 5xx is tried again, never turned into a conflict. */
export const RETRY_MS = 1_000;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = run(t.objectStore(STORE));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

const changed = () => window.dispatchEvent(new Event(QUEUE_EVENT));

export const queued = (): Promise<QueuedChange[]> =>
  tx('readonly', (s) => s.getAll() as IDBRequest<QueuedChange[]>).then((all) => all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)));

async function put(change: QueuedChange) {
  await tx('readwrite', (s) => s.put(change));
  changed();
}

export async function dismiss(key: string) {
  await tx('readwrite', (s) => s.delete(key));
  changed();
}

type Outcome = { kind: 'done'; status: number; body: unknown } | { kind: 'later' } | { kind: 'refused'; status: number; message: string };

/** One send: done (2xx), later (no network, 5xx, 429, the key still in use) or refused for good (other 4xx). */
async function send(c: Pick<QueuedChange, 'key' | 'method' | 'url' | 'body'>): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch(c.url, {
      method: c.method,
      headers: { accept: 'application/json', 'content-type': 'application/json', 'Idempotency-Key': c.key },
      body: c.method === 'DELETE' ? undefined : JSON.stringify(c.body ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    return { kind: 'later' };
  }
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; reason?: string } } | null;
  if (res.ok) return { kind: 'done', status: res.status, body };
  if (res.status >= 500 || res.status === 429 || res.status === 401 || body?.error?.reason === 'IDEMPOTENCY_KEY_IN_USE')
    return { kind: 'later' };
  const message = res.status === 404 ? 'the workout is no longer in your plan' : (body?.error?.message ?? `refused (${res.status})`);
  return { kind: 'refused', status: res.status, message };
}

/** Sends a change now, or keeps it on this device when there is no connection (the same key is replayed later). */
export async function sendOrQueue(change: Omit<QueuedChange, 'queuedAt' | 'conflict'>): Promise<SendResult> {
  const out = await send(change);
  if (out.kind === 'done') return { state: 'sent', status: out.status, body: out.body };
  if (out.kind === 'refused') return { state: 'refused', status: out.status, message: out.message };
  await put({ ...change, queuedAt: new Date().toISOString() });
  return { state: 'queued' };
}

let running: Promise<number> | null = null;

/** Replays what waits, oldest first; stops at the first one that must wait. Resolves to how many were synced. */
export function replay(): Promise<number> {
  running ??= (async () => {
    let synced = 0;
    try {
      for (const c of await queued()) {
        if (c.conflict) continue;
        const out = await send(c);
        if (out.kind === 'later') break;
        if (out.kind === 'done') {
          await tx('readwrite', (s) => s.delete(c.key));
          synced++;
        } else await put({ ...c, conflict: out.message });
      }
    } finally {
      running = null;
      changed();
    }
    return synced;
  })();
  return running;
}
