// A public segment's board (ADR 102): the best effort per person among the viewer, the people they follow and their
// org mates who opted in to boards, never anyone blocked either way — the weekly boards' circle and switch. Each
// effort counts only if its activity passes the stored judgments under the `social` use (a Strava API activity never
// shows to others), its speed over the segment is humanly possible, and neither gate lies in its athlete's own zone.
// What is left off is told to its owner alone, with the reason and the weekly boards' review request.
import type { Executor } from '../../../db/executor';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import { decodePolyline, metresBetween } from '../../../lib/geo';
import { maxSpeedMps, type PolicyRef } from '../../activities';
import { DEFAULT_ENDS_M, EXCLUSION_REASONS, judgeStored, loadJudgedHistory, person, type Relations } from '../../social';
import { bestPerPerson, insideAny, segmentSpeed } from './segments.calc';
import { createSegmentsRepo, type EffortRow } from './segments.repo';
import type { SegmentBoard } from './segments.schema';
import { receiptOf } from './segments.service';

const DAY_MS = 86_400_000;

/** Reasons of the board's own two checks, beside the weekly boards' (EXCLUSION_REASONS). */
export const BOARD_REASONS = {
  segment_speed: (kmh: number) =>
    `Faster over this segment than anyone can go in this sport (above ${kmh} km/h on average): a vehicle or a faulty recording.`,
  zone: 'This segment starts or ends inside one of your privacy zones: your efforts stay off what others see, so the board does not give the zone away.',
  ends: (m: number) =>
    `This segment starts or ends within ${m} m of where this activity starts or finishes, the part your privacy settings hide: left off what others see.`,
  map_hidden: 'You hide your maps from everyone: your efforts stay off what others see, since a board says where you rode or ran.',
} as const;

export const BOARD_RULES =
  'The board ranks each person’s fastest effort among you, the people you follow and your coaching org’s athletes who opted in to leaderboards (the same switch as the weekly boards), never anyone blocked either way. Only device or file recordings that pass the data-quality checks count, never an activity from Strava’s API; an effort faster than the sport allows, or on a segment that starts or ends in the athlete’s own privacy zone, is left off. Each of yours left off shows you why, and you can ask for a review.';

type Exclusion = { code: string; reason: string; reviewable: boolean };

export function createSegmentBoard(deps: {
  db: Executor;
  relations: Pick<Relations, 'followees' | 'blockedEitherWay' | 'settingsOf'>;
  policy: PolicyRef;
}) {
  const repo = createSegmentsRepo(deps.db);

  /** Each of one athlete's efforts' exclusion (null: it counts), under the stored judgments and the board's own checks. */
  async function judge(userId: string, efforts: EffortRow[], distanceM: number, hidden: (e: EffortRow) => Exclusion | null) {
    const policy = await deps.policy();
    const times = efforts.map((e) => e.startedAt.getTime());
    // The day around, as the weekly boards judge a week: a duplicate across the edge is still a duplicate.
    const history = await loadJudgedHistory(deps.db, userId, policy, {
      from: new Date(Math.min(...times) - DAY_MS),
      to: new Date(Math.max(...times) + DAY_MS),
    });
    const verdicts = new Map(judgeStored(history, policy).map((j) => [j.activity.id, j]));
    return new Map<string, Exclusion | null>(
      efforts.map((e) => {
        const ceiling = maxSpeedMps(e.sport);
        const j = verdicts.get(e.activityId);
        const allowed = policy.allows(e.source, 'social');
        if (j?.exclusion) return [e.id, { ...j.exclusion, reviewable: allowed }];
        if (!j) return [e.id, { code: 'no_recording', reason: EXCLUSION_REASONS.no_recording, reviewable: false }];
        const privacy = hidden(e);
        if (privacy) return [e.id, privacy];
        // An accepted review of the activity lets the effort count, as it does the week.
        if (segmentSpeed(distanceM, e.elapsedS) > ceiling && !history.accepted.has(e.activityId))
          return [e.id, { code: 'segment_speed', reason: BOARD_REASONS.segment_speed(Math.round(ceiling * 3.6)), reviewable: true }];
        return [e.id, null];
      }),
    );
  }

  return {
    async board(viewerId: string, segmentId: string): Promise<SegmentBoard> {
      const s = await repo.byId(segmentId);
      const blocked = new Set(await deps.relations.blockedEitherWay(viewerId));
      if (!s || (s.ownerId !== viewerId && (s.visibility !== 'public' || blocked.has(s.ownerId)))) throw notFound('Segment');
      if (s.visibility !== 'public')
        throw new AppError(ErrorCode.CONFLICT, 'A private segment has no board: make it public to compare efforts.');
      const [followees, mates] = await Promise.all([deps.relations.followees(viewerId), repo.orgMates(viewerId)]);
      const candidates = [...new Set([viewerId, ...followees, ...mates])].filter((id) => !blocked.has(id));
      const opted = await repo.optedIn(candidates);
      const names = new Map(opted.map((o) => [o.id, o.displayName]));
      // The viewer's own efforts are judged even when they are off the boards: they are told why each is left off.
      const people = [...new Set([viewerId, ...names.keys()])];
      const [efforts, zones, settings] = await Promise.all([
        repo.efforts(s.id, people),
        repo.zonesOf(people),
        deps.relations.settingsOf(people),
      ]);
      const ends = await repo.endsOf([...new Set(efforts.map((e) => e.activityId))]);
      const points = decodePolyline(s.polyline, 6);
      const gates = [points[0]!, points.at(-1)!];
      const counted: EffortRow[] = [];
      const yours: (EffortRow & Exclusion)[] = [];
      for (const userId of people) {
        const own = efforts.filter((e) => e.userId === userId);
        if (!own.length) continue;
        const theirZones = zones.filter((z) => z.userId === userId);
        const inZone = gates.some((g) => insideAny(g, theirZones));
        const mine = settings.get(userId);
        const cutM = mine?.endCutM ?? DEFAULT_ENDS_M;
        // Never shown to others what a post's map would hide: a zone, the hidden first and last metres, a hidden map.
        const hidden = (e: EffortRow): Exclusion | null => {
          if (mine?.hideWholeMap) return { code: 'map_hidden', reason: BOARD_REASONS.map_hidden, reviewable: false };
          if (inZone) return { code: 'zone', reason: BOARD_REASONS.zone, reviewable: false };
          const end = ends.get(e.activityId);
          // Straight-line distance is at most the distance along the route: this hides at least what the cut hides.
          const near = end && gates.some((g) => metresBetween(g, end.first) <= cutM || metresBetween(g, end.last) <= cutM);
          return near ? { code: 'ends', reason: BOARD_REASONS.ends(cutM), reviewable: false } : null;
        };
        const verdicts = await judge(userId, own, s.distanceM, hidden);
        for (const e of own) {
          const x = verdicts.get(e.id) ?? null;
          if (!x && names.has(userId)) counted.push(e);
          else if (x && userId === viewerId) yours.push({ ...e, ...x });
        }
      }
      const reviews = new Map(
        (
          await repo.reviews(
            viewerId,
            yours.map((e) => e.activityId),
          )
        ).map((r) => [r.activityId, r]),
      );
      return {
        segmentId: s.id,
        youOptedIn: names.has(viewerId),
        entries: bestPerPerson(counted).map((e) => ({
          person: person({ id: e.userId, displayName: names.get(e.userId) ?? '' }),
          rank: e.rank,
          elapsedS: e.elapsedS,
          startedAt: e.startedAt.toISOString(),
          you: e.userId === viewerId,
          receipt: e.userId === viewerId ? receiptOf(e) : null,
        })),
        yourExclusions: yours.map((e) => {
          const r = reviews.get(e.activityId);
          return {
            effortId: e.id,
            activityId: e.activityId,
            activityName: e.activityName,
            startedAt: e.startedAt.toISOString(),
            elapsedS: e.elapsedS,
            code: e.code,
            reason: e.reason,
            reviewable: e.reviewable,
            review: r ? { id: r.id, status: r.status, decisionReason: r.decisionReason } : null,
          };
        }),
        rules: BOARD_RULES,
      };
    },
  };
}
export type SegmentBoardService = ReturnType<typeof createSegmentBoard>;
