// Keeps segment efforts in step with tracks and segments (ADR 099): each new track matched against the segments
// near it that its athlete may match, each new segment against every history that may meet it. Efforts are
// replaced whole (per activity, or per segment) in one transaction, so matching again changes nothing.
import type { Db } from '../../../../db/client';
import type { Clock } from '../../../../lib/clock';
import type { TrackChange, TrackListener } from '../../tracks/track-sync';
import { type Box, decodeTrack, type Track } from '../../tracks/track.calc';
import { createTracksRepo } from '../../tracks/tracks.repo';
import { effortAverages } from './effort.calc';
import { matchActivityAgainst, matchSegment, type Pass } from './match.calc';
import { decodeSegmentPath } from './path.calc';
import { createSegmentMatchingRepo, type EffortRow } from './segment-matching.repo';

/** Tracks decoded and matched per round: a 4-hour ride's track is ~100 kB of polyline, so 50 stay well in memory. */
const BATCH = 50;

interface Found {
  activityId: string;
  userId: string;
  startTime: Date;
  segmentId: string;
  pass: Pass;
}

const unionOf = (boxes: Box[]): Box => ({
  minLat: Math.min(...boxes.map((b) => b.minLat)),
  minLon: Math.min(...boxes.map((b) => b.minLon)),
  maxLat: Math.max(...boxes.map((b) => b.maxLat)),
  maxLon: Math.max(...boxes.map((b) => b.maxLon)),
});

export function createSegmentMatching(deps: { db: Db; clock: Clock }) {
  const repo = createSegmentMatchingRepo(deps.db);
  const tracks = createTracksRepo(deps.db);

  /** The efforts of `found`, with averages from the streams of only the activities that have a pass. */
  async function effortsOf(found: Found[]): Promise<EffortRow[]> {
    const streams = await repo.streams([...new Set(found.map((f) => f.activityId))]);
    return found.map(({ activityId, userId, startTime, segmentId, pass }) => {
      const s = streams.get(activityId);
      return {
        segmentId,
        activityId,
        userId,
        startedAt: new Date(startTime.getTime() + pass.startS * 1000),
        startS: pass.startS,
        endS: pass.endS,
        elapsedS: pass.endS - pass.startS,
        ...(s ? effortAverages(s, pass.startS, pass.endS) : { avgPowerW: null, avgHr: null, avgSpeedMs: null }),
        frechetM: pass.frechetM,
      };
    });
  }

  /** One athlete's new tracks against the segments near each, their efforts replaced in one transaction. */
  async function matchTracks(userId: string, activityIds: string[]): Promise<number> {
    const stored = await tracks.byIds(userId, activityIds);
    const found: Found[] = [];
    for (const t of stored) {
      const near = await repo.segmentsNear(userId, t.sport, t);
      if (near.length === 0) continue;
      const track = decodeTrack(t);
      const segs = near.map((s) => ({ ...decodeSegmentPath(s), id: s.id }));
      for (const { segment, passes } of matchActivityAgainst(track, segs))
        for (const pass of passes) found.push({ activityId: t.activityId, userId, startTime: t.startTime, segmentId: segment.id, pass });
    }
    const efforts = await effortsOf(found);
    await deps.db.transaction(async (tx) => createSegmentMatchingRepo(tx).replaceForActivities(activityIds, efforts));
    return efforts.length;
  }

  async function onTracks(userId: string, change: TrackChange): Promise<void> {
    // Trashed or cut: their efforts go (a deleted activity's go by the foreign key already).
    const removed = change.removed.map((r) => r.activityId);
    if (removed.length > 0) await repo.replaceForActivities(removed, []);
    const added = change.added.map((a) => a.activityId);
    for (let i = 0; i < added.length; i += BATCH) {
      const ids = added.slice(i, i + BATCH);
      try {
        await matchTracks(userId, ids);
      } catch (err) {
        // The sync tells a listener once: send the segments these tracks may meet back to the history drain,
        // which matches them over every history again (this athlete's new tracks included).
        const boxes: Box[] = await tracks.byIds(userId, ids).catch(() => []);
        if (boxes.length > 0) await repo.requeueNear(userId, unionOf(boxes)).catch(() => undefined);
        throw err;
      }
    }
  }

  /**
   * Every track that may meet the segment (the owner's for a private one, everyone's for a public one) matched,
   * the segment's efforts replaced and `matched_at` set. Null when the segment is gone.
   */
  async function matchSegmentHistory(segmentId: string): Promise<{ tracks: number; efforts: number } | null> {
    const seg = await repo.segment(segmentId);
    if (!seg) return null;
    const path = decodeSegmentPath(seg);
    const found: Found[] = [];
    let seen = 0;
    let after: string | null = null;
    for (;;) {
      const page = await repo.tracksNear(seg, BATCH, after);
      for (const t of page) {
        const track: Track = decodeTrack(t);
        for (const pass of matchSegment(track, path))
          found.push({ activityId: t.activityId, userId: t.userId, startTime: t.startTime, segmentId, pass });
      }
      seen += page.length;
      after = page.at(-1)?.activityId ?? null;
      if (page.length < BATCH) break;
    }
    const efforts = await effortsOf(found);
    await deps.db.transaction(async (tx) => {
      const r = createSegmentMatchingRepo(tx);
      await r.replaceForSegment(segmentId, efforts);
      await r.markMatched(segmentId, deps.clock.now());
    });
    return { tracks: seen, efforts: efforts.length };
  }

  return {
    name: 'segment-matching',
    onTracks,
    matchSegmentHistory,
    /** The minute cron: segments whose history is still to match (new ones, or sent back), oldest first. */
    async drain(limit = 5): Promise<number> {
      const pending = await repo.pending(limit);
      let failure: unknown = null;
      for (const { id } of pending) {
        try {
          await matchSegmentHistory(id);
        } catch (err) {
          failure ??= err;
        }
      }
      if (failure) throw failure;
      return pending.length;
    },
  } satisfies TrackListener & Record<string, unknown>;
}
export type SegmentMatching = ReturnType<typeof createSegmentMatching>;
