// Keeps each athlete's tracks in step with their history (ADR 099): after an import, an upload, a deletion or the
// Strava cache window, the athlete's analytics version moves on and the next tick builds what is missing, drops
// what went and tells the listeners (the heatmap, segment matching) exactly which tracks changed.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { createTracksRepo, type TrackRef } from './tracks.repo';
import { boxOf, encodeTrack, lengthOf, TRACK_VERSION, trackOf } from './track.calc';

export interface TrackChange {
  added: TrackRef[];
  removed: TrackRef[];
}

/**
 * Told once after each athlete's sync, in order. A listener must find its own way back from a failure (the
 * heatmap compares each month's fingerprint; matching records what it matched): the tracks are already stored,
 * so the next tick has nothing new to tell. A failure still leaves the athlete unsynced and is thrown.
 */
export interface TrackListener {
  readonly name: string;
  onTracks(userId: string, change: TrackChange): Promise<void>;
}

/** Streams read per query, and tracks built per athlete per tick: a 10-year history takes a few ticks, none long. */
const BATCH = 50;
const PER_TICK = 400;

export function createTrackSync(deps: { db: Db; clock: Clock; listeners: () => readonly TrackListener[] }) {
  const repo = createTracksRepo(deps.db);

  /** One athlete: drop, build up to PER_TICK, tell; marked synced only once nothing is left to build. */
  async function syncAthlete(userId: string, version: number): Promise<TrackChange & { done: boolean }> {
    const removed = await repo.dropGone(userId);
    const added: TrackRef[] = [];
    let done = false;
    let after: TrackRef | null = null;
    while (added.length < PER_TICK) {
      const batch = await repo.missing(userId, TRACK_VERSION, BATCH, after);
      after = batch.at(-1) ?? null;
      for (const a of batch) {
        const track = trackOf(a.streams);
        // Positions that are all before a fix: nothing to draw (read again by each sync; cheap and rare).
        if (!track) continue;
        await repo.put({
          activityId: a.activityId,
          userId,
          sport: a.sport,
          startTime: a.startTime,
          ...boxOf(track),
          ...encodeTrack(track),
          distanceM: lengthOf(track),
          version: TRACK_VERSION,
        });
        added.push({ activityId: a.activityId, sport: a.sport, startTime: a.startTime });
      }
      if (batch.length < BATCH) {
        done = true;
        break;
      }
    }
    const change = { added, removed };
    if (added.length > 0 || removed.length > 0) for (const l of deps.listeners()) await l.onTracks(userId, change);
    if (done) await repo.markSynced(userId, version, deps.clock.now());
    return { ...change, done };
  }

  return {
    syncAthlete,
    /** The minute cron: athletes whose history moved on, each on its own so one failure does not stop the rest. */
    async drain(limit = 25): Promise<number> {
      const stale = await repo.stale(limit);
      let failure: unknown = null;
      for (const { id, version } of stale) {
        try {
          await syncAthlete(id, version);
        } catch (err) {
          failure ??= err;
        }
      }
      if (failure) throw failure;
      return stale.length;
    },
  };
}
export type TrackSync = ReturnType<typeof createTrackSync>;
