// Where the engine's state lives between calls: Postgres (wellness_engine_state) read and written each time, or —
// in the athlete's Durable Object — memory first, with that row as the durable copy written behind (ADR 070).
import type { Db } from '../../../db/client';
import type { Logger } from '../../../lib/logger';
import { type EngineState, loadState, saveState } from './engine.repo';

export interface EngineStore {
  load(userId: string): Promise<EngineState | null>;
  /** Saves if nobody saved since `expected` was read; `wellnessOnly`: a patch, the stored training is unchanged. */
  save(userId: string, expected: number | null, s: Omit<EngineState, 'version'>, wellnessOnly: boolean): Promise<boolean>;
}

export const postgresStore = (db: () => Db): EngineStore => ({
  load: (userId) => loadState(db(), userId),
  save: (userId, expected, s, wellnessOnly) => saveState(db(), userId, expected, s, wellnessOnly),
});

export type MemoryStore = EngineStore & {
  /** Writes the newest state to Postgres if it changed since the last write; one write covers every change before it. */
  flush(): Promise<void>;
  /** Whether a decoded state is held (false after a cold start until the first read). */
  readonly warm: boolean;
};

/**
 * One athlete's state kept decoded in memory (the Durable Object's callers are serialised, so it is the only
 * writer). Saves land in memory at once; `flush` writes the durable copy with the row's own version check. A
 * write lost to eviction only means the next cold start rebuilds from the older row (and the readings).
 */
export function memoryStore(db: () => Db, logger?: Logger): MemoryStore {
  let kept: { userId: string; state: EngineState } | null = null;
  /** The row's version as last read or written (null: no row). */
  let stored: number | null = null;
  /** What the next flush writes: null when memory equals the row. */
  let dirty: { wellnessOnly: boolean } | null = null;
  let flushing: Promise<void> = Promise.resolve();

  /** A change to write: the training too unless every change since the last write was a patch. */
  function mark(wellnessOnly: boolean) {
    dirty = { wellnessOnly: (dirty?.wellnessOnly ?? true) && wellnessOnly };
  }

  async function writeBehind(): Promise<void> {
    while (dirty && kept) {
      const { userId, state } = kept;
      const { wellnessOnly } = dirty;
      dirty = null;
      let saved: boolean;
      try {
        saved = await saveState(db(), userId, stored, state, wellnessOnly);
      } catch (e) {
        // The database is away: memory stays ahead, the next flush tries again.
        mark(wellnessOnly);
        logger?.error('wellness engine: writing the state failed', { userId, error: e instanceof Error ? e.name : 'unknown' });
        return;
      }
      if (saved) stored = (stored ?? 0) + 1;
      else {
        // Someone else wrote the row (not through this object): theirs is read again on the next call.
        logger?.warn('wellness engine: the stored state moved under the object; re-reading it', { userId });
        if (kept?.state === state) kept = null;
        dirty = null;
      }
    }
  }

  return {
    get warm() {
      return kept !== null;
    },
    async load(userId) {
      if (kept?.userId === userId) return kept.state;
      const s = await loadState(db(), userId);
      kept = s ? { userId, state: s } : null;
      stored = s?.version ?? null;
      dirty = null;
      return s;
    },
    async save(userId, expected, s, wellnessOnly) {
      const mine = kept?.userId === userId ? kept.state.version : stored;
      if (mine !== expected) return false;
      kept = { userId, state: { ...s, version: (expected ?? 0) + 1 } };
      mark(wellnessOnly);
      return true;
    },
    flush() {
      // One write at a time, in order; a write finding nothing dirty does nothing.
      flushing = flushing.then(writeBehind);
      return flushing;
    },
  };
}
