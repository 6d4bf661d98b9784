// What the segments routes answer (ADR 102): a segment cut from a stretch of one of your activities, your segments,
// one with your efforts (newest and fastest, each with its PR, rank and receipt), rename or re-share, delete, and
// the efforts on one of your activities. Matching itself is the matcher's (segments/matching/), behind `SegmentMatcher`.
import type { Executor } from '../../../db/executor';
import { decodePolyline, type LatLon } from '../../../lib/geo';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { PolicyRef } from '../../activities';
import { person } from '../../social';
import type { Relations } from '../../social';
import { type Track, trackOf, decodeTrack } from '../tracks/track.calc';
import { createTracksRepo } from '../tracks/tracks.repo';
import { type Elevation, insideAny, rankEfforts, SEGMENT_DISTANCE_M, type SegmentPath } from './segments.calc';
import { createSegmentsRepo, type EffortRow, type SegmentRow } from './segments.repo';
import type { CreateSegmentBody, PatchSegmentBody, SegmentDetail, SegmentEffort, SegmentSummary } from './segments.schema';

/** How many segments one athlete may keep: each is matched against every new activity near it. Our bound, not a source's. */
export const MAX_SEGMENTS = 200;

/**
 * What segments need of the matcher (the maps-match slice): the path of a stretch, and matching a segment over every
 * history it may meet (run after the response; its cron drains whatever a failure left with `matched_at` null).
 */
export interface SegmentMatcher {
  pathOf(track: Track, fromS: number, toS: number, elevation: Elevation | null): SegmentPath | null;
  matchHistory(segmentId: string): Promise<unknown>;
}

/** The refusal for a public segment with a gate in a zone: it says what to do, never where, whose or which gate. */
export const ZONE_REFUSAL =
  'A public segment cannot start or end inside a privacy zone (yours or another athlete’s). Move its start or end, or keep it private.';

export const receiptOf = (e: Pick<EffortRow, 'activityId' | 'startS' | 'elapsedS'>) => ({
  activityId: e.activityId,
  href: `/activities/${e.activityId}?at=${e.startS}&for=${e.elapsedS}`,
});

const iso = (d: Date | string) => new Date(d).toISOString();
const invalid = (message: string, path: string) => new AppError(ErrorCode.VALIDATION, message, { fields: [{ path, message }] });
const gatesOf = (polyline: string): LatLon[] => {
  const p = decodePolyline(polyline, 6);
  return [p[0]!, p.at(-1)!];
};

export function createSegmentsService(deps: {
  db: Executor;
  relations: Pick<Relations, 'blockedEitherWay'>;
  matcher: SegmentMatcher;
  defer: (p: Promise<unknown>) => void;
  policy: PolicyRef;
}) {
  const repo = createSegmentsRepo(deps.db);
  const tracks = createTracksRepo(deps.db);

  /** Anyone's zone containing a gate: refused for a public segment. */
  async function refuseZones(gates: LatLon[]) {
    const zones = await repo.zonesNear(gates);
    if (gates.some((g) => insideAny(g, zones)))
      throw new AppError(ErrorCode.VALIDATION, ZONE_REFUSAL, { fields: [{ path: 'visibility', message: ZONE_REFUSAL }] });
  }

  /** A segment the viewer may read: theirs, or public and its owner not blocked either way; 404 otherwise. */
  async function readable(viewerId: string, id: string): Promise<SegmentRow> {
    const s = await repo.byId(id);
    if (!s) throw notFound('Segment');
    if (s.ownerId === viewerId) return s;
    if (s.visibility !== 'public' || (await deps.relations.blockedEitherWay(viewerId)).includes(s.ownerId)) throw notFound('Segment');
    return s;
  }

  /** What must be said beside an effort's figures: its source's attribution (Strava's terms), if any. */
  const attributionOf = async () => {
    const policy = await deps.policy();
    return (e: Pick<EffortRow, 'source'>) => policy.rule(e.source).attribution;
  };

  async function effortsView(list: EffortRow[]): Promise<{ newest: SegmentEffort[]; fastest: SegmentEffort[] }> {
    const ranked = rankEfforts(list);
    const attribution = await attributionOf();
    const view = (e: (typeof ranked)[number]): SegmentEffort => ({
      id: e.id,
      activityName: e.activityName,
      startedAt: iso(e.startedAt),
      startS: e.startS,
      elapsedS: e.elapsedS,
      avgPowerW: e.avgPowerW,
      avgHr: e.avgHr,
      avgSpeedMs: e.avgSpeedMs,
      rank: e.rank,
      of: ranked.length,
      pr: e.pr,
      receipt: receiptOf(e),
      attribution: attribution(e),
    });
    const fastest = ranked.map(view);
    const newest = [...ranked].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (a.id < b.id ? -1 : 1)).map(view);
    return { newest, fastest };
  }

  const summary = (s: SegmentRow, mine: EffortRow[]): SegmentSummary => ({
    id: s.id,
    name: s.name,
    sport: s.sport,
    visibility: s.visibility,
    distanceM: s.distanceM,
    climbM: s.climbM,
    gradePct: s.gradePct,
    matching: s.matchedAt === null,
    createdAt: iso(s.createdAt),
    efforts: mine.length,
    bestS: mine.length ? Math.min(...mine.map((e) => e.elapsedS)) : null,
  });

  return {
    async create(userId: string, body: CreateSegmentBody) {
      if (body.toS <= body.fromS) throw invalid('The end must come after the start.', 'toS');
      const activity = await repo.ownActivity(userId, body.activityId);
      if (!activity) throw notFound('Activity');
      const [stored] = await tracks.byIds(userId, [activity.id]);
      const track = stored ? decodeTrack(stored) : trackOf(activity.streams);
      if (!track) throw invalid('This activity has no GPS positions, so there is no route to cut a segment from.', 'activityId');
      const path = deps.matcher.pathOf(track, body.fromS, body.toS, elevationOf(activity.streams));
      if (!path) throw invalid('No GPS positions fall between these seconds: choose a longer stretch.', 'toS');
      if (path.distanceM < SEGMENT_DISTANCE_M.min || path.distanceM > SEGMENT_DISTANCE_M.max)
        throw invalid(
          `A segment is ${SEGMENT_DISTANCE_M.min} m to ${SEGMENT_DISTANCE_M.max / 1000} km long; this stretch is ${Math.round(path.distanceM)} m.`,
          'toS',
        );
      if (body.visibility === 'public') await refuseZones([path.points[0]!, path.points.at(-1)!]);
      if ((await repo.count(userId)) >= MAX_SEGMENTS)
        throw new AppError(ErrorCode.CONFLICT, `You can keep ${MAX_SEGMENTS} segments; delete one to make another.`);
      const row = await repo.insert({
        ownerId: userId,
        name: body.name,
        sport: activity.sport,
        visibility: body.visibility,
        polyline: path.polyline,
        distanceM: path.distanceM,
        climbM: path.climbM,
        gradePct: path.gradePct,
        minLat: path.minLat,
        minLon: path.minLon,
        maxLat: path.maxLat,
        maxLon: path.maxLon,
        sourceActivityId: activity.id,
        sourceFromS: body.fromS,
        sourceToS: body.toS,
      });
      deps.defer(deps.matcher.matchHistory(row.id));
      return this.get(userId, row.id);
    },

    async list(userId: string) {
      const rows = await repo.mine(userId);
      return {
        limit: MAX_SEGMENTS,
        segments: rows.map((r) => ({
          ...summary(r, []),
          efforts: r.efforts,
          bestS: r.bestS,
        })),
      };
    },

    async get(viewerId: string, id: string): Promise<SegmentDetail> {
      const s = await readable(viewerId, id);
      const [mine, owner] = await Promise.all([repo.efforts(s.id, [viewerId]), repo.ownerName(s.ownerId)]);
      const yours = s.ownerId === viewerId;
      return {
        ...summary(s, mine),
        polyline: s.polyline,
        owner: person(owner ?? { id: s.ownerId, displayName: '' }),
        yours,
        source: yours ? { activityId: s.sourceActivityId, fromS: s.sourceFromS, toS: s.sourceToS } : null,
        ...(await effortsView(mine)),
      };
    },

    async update(userId: string, id: string, patch: PatchSegmentBody) {
      const s = await repo.byId(id);
      if (!s || s.ownerId !== userId) throw notFound('Segment');
      if (patch.name === undefined && patch.visibility === undefined)
        throw new AppError(ErrorCode.VALIDATION, 'Nothing to change: send a name or a visibility.');
      // A zone may have been drawn since the segment was made: making it public asks again.
      if (patch.visibility === 'public' && s.visibility !== 'public') await refuseZones(gatesOf(s.polyline));
      const row = await repo.update(id, userId, { name: patch.name, visibility: patch.visibility });
      if (!row) throw notFound('Segment');
      if (patch.visibility && patch.visibility !== s.visibility) {
        // Public segments are matched for anyone, private ones for their owner only (ADR 099).
        if (patch.visibility === 'private') await repo.dropOthers(id, userId);
        else {
          await repo.rematch(id);
          deps.defer(deps.matcher.matchHistory(id));
        }
      }
      return this.get(userId, id);
    },

    async remove(userId: string, id: string) {
      if (!(await repo.remove(id, userId))) throw notFound('Segment');
    },

    /** The efforts on one of the athlete's activities (their own segments and public ones), each with PR and rank. */
    async onActivity(userId: string, activityId: string) {
      if (!(await repo.ownActivity(userId, activityId))) throw notFound('Activity');
      const here = await repo.onActivity(userId, activityId);
      const times = await repo.myTimes(userId, [...new Set(here.map((e) => e.segmentId))]);
      const attribution = await attributionOf();
      const efforts = here.map((e) => {
        const ranked = rankEfforts(times.filter((t) => t.segmentId === e.segmentId));
        const me = ranked.find((r) => r.id === e.id);
        return {
          id: e.id,
          activityName: e.activityName,
          startedAt: iso(e.startedAt),
          startS: e.startS,
          elapsedS: e.elapsedS,
          avgPowerW: e.avgPowerW,
          avgHr: e.avgHr,
          avgSpeedMs: e.avgSpeedMs,
          rank: me?.rank ?? 1,
          of: ranked.length,
          pr: me?.pr ?? false,
          receipt: receiptOf(e),
          attribution: attribution(e),
          segment: { id: e.segmentId, name: e.segmentName, distanceM: e.distanceM, visibility: e.visibility as 'private' | 'public' },
        };
      });
      return { activityId, efforts };
    },
  };
}
export type SegmentsService = ReturnType<typeof createSegmentsService>;

/** The activity's altitude samples in metres, when it has them. */
export function elevationOf(streams: { t: number[]; altitudeDm?: number[] } | null): Elevation | null {
  const alt = streams?.altitudeDm;
  if (!streams || !alt || alt.length !== streams.t.length) return null;
  return { t: streams.t, altM: alt.map((a) => a / 10) };
}
