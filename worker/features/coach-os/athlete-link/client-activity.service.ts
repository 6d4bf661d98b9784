// A linked client's activity as their coach sees it (ADR 061): the athlete's own activity page — summary, load,
// streams, laps, zones, route, intervals against the plan, note and RPE — built only through the owning
// features' services with the `coach` data use, read-only. The link is read on every call, so a revocation
// counts at once.
import type { Db } from '../../../db/client';
import { AppError, ErrorCode, ErrorReason, notFound } from '../../../lib/errors';
import { type ActivitiesService, type ActivitySource, sourceLine } from '../../activities';
import type { ActivityNotesService } from '../../activity-notes';
import { type AnalyticsService, analyticsViews, athleteOf, curvesViews } from '../../analytics';
import type { IntervalsService } from '../../intervals';
import type { ClientRow } from '../coach-os.repo';
import type { CurveQuery } from './client-activity.schema';
import type { Member } from '../coach-os.service';
import { createAthleteLinkRepo } from './athlete-link.repo';

const PROVIDERS: Partial<Record<ActivitySource, string>> = { strava: 'Strava' };

/** What the coach's page says in place of an activity whose source's terms keep it from coaches. */
export const notShownToCoaches = (source: ActivitySource) => {
  const p = PROVIDERS[source] ?? source;
  return `From ${p}: not shown to coaches. This activity came from ${p}, whose terms let only the athlete see it.`;
};

/** What the coach's curves say when the span holds activities from sources kept from coaches. */
export const curvesLeaveOut = (sources: string[]) => {
  if (!sources.length) return null;
  const names = sources.map((s) => PROVIDERS[s as ActivitySource] ?? s).join(' and ');
  return `${names} activities are not shown to coaches: their terms let only the athlete see them, so these figures leave them out.`;
};

interface Deps {
  db: Db;
  /** The org's client, or a 404 for anyone else's. */
  clientOf: (m: Member, clientId: string) => Promise<ClientRow>;
  activities: Pick<ActivitiesService, 'get' | 'policy'>;
  analytics: AnalyticsService;
  intervals: Pick<IntervalsService, 'forActivity'>;
  notes: Pick<ActivityNotesService, 'get'>;
}

export function createClientActivityService(deps: Deps) {
  /**
   * The client's athlete while they share their training with this org. A request the athlete has not answered
   * is the coach's own (their client page shows it waiting), so it is a 403 that says so; no live link (never
   * asked, declined, ended or revoked) is a 404, as on every other read through the link (ADR 011).
   */
  async function sharing(m: Member, clientId: string) {
    await deps.clientOf(m, clientId);
    const r = createAthleteLinkRepo(deps.db);
    const live = await r.liveOfClient(m.org.id, clientId);
    if (live?.link.status === 'pending')
      throw new AppError(ErrorCode.FORBIDDEN, 'Your client has not agreed to share their training with you yet.');
    const user = live?.link.athleteUserId ? await r.athleteUser(live.link.athleteUserId) : undefined;
    if (!user) throw new AppError(ErrorCode.NOT_FOUND, 'This client has not shared their training with you.');
    return { name: user.displayName, athlete: athleteOf(user) };
  }

  /** The athlete's activity, or a 404 (someone else's, or a source that keeps it from coaches, saying which). */
  async function readable(m: Member, clientId: string, activityId: string) {
    const { name, athlete } = await sharing(m, clientId);
    const [row, policy] = await Promise.all([deps.activities.get(athlete.id, activityId), deps.activities.policy()]);
    if (!row) throw notFound('Activity');
    if (!policy.allows(row.source, 'coach'))
      throw new AppError(ErrorCode.NOT_FOUND, notShownToCoaches(row.source), { reason: ErrorReason.SOURCE_NOT_SHARED });
    return { name, athlete, row, policy };
  }

  return {
    /** Everything the athlete's activity page shows, for their coach; nothing the athlete could change. */
    async activity(m: Member, clientId: string, activityId: string) {
      const { name, athlete, row, policy } = await readable(m, clientId, activityId);
      // The athlete's page's own reads, each with the coach's data use: the same thresholds, curve and W′ balance,
      // less what the policy keeps from coaches (estimates and season bests from such sources).
      const [analysis, streams, intervals, notes, curve, balance] = await Promise.all([
        analyticsViews.activity(deps.analytics, athlete, activityId, 'coach'),
        deps.analytics.activityStreams(athlete, activityId, 'coach'),
        deps.intervals.forActivity(athlete, activityId, 'coach'),
        deps.notes.get(athlete.id, activityId, 'coach'),
        curvesViews.activityCurve(deps.analytics, athlete, activityId, undefined, 'coach'),
        curvesViews.activityBalance(deps.analytics, athlete, activityId, 'coach'),
      ]);
      return {
        athlete: { name, units: athlete.units, timeZone: athlete.timeZone },
        activity: {
          id: row.id,
          name: row.name,
          sport: row.sport,
          sportOriginal: row.sportOriginal,
          source: row.source,
          startTime: row.startTime.toISOString(),
          timezone: row.timezone,
          movingTimeS: row.movingTimeS,
          elapsedTimeS: row.elapsedTimeS,
          distanceM: row.distanceM,
          elevationGainM: row.elevationGainM,
          avgHr: row.avgHr,
          maxHr: row.maxHr,
          avgPower: row.avgPower,
          duplicateOf: row.duplicateOf,
        },
        attribution: sourceLine(policy, row, row.source).attribution,
        analysis,
        streams,
        intervals,
        notes,
        curve,
        balance,
      };
    },

    /** A stretch of the activity at full detail, for the charts' zoom; null when it has no streams. */
    async range(m: Member, clientId: string, activityId: string, from?: number, to?: number) {
      const { athlete } = await readable(m, clientId, activityId);
      return deps.analytics.activityStreamsRange(athlete, activityId, 'coach', from, to);
    },

    /** The athlete's duration curve as their own query would give it, read with the `coach` use (no Strava). */
    async curves(m: Member, clientId: string, q: CurveQuery) {
      const { athlete } = await sharing(m, clientId);
      const v = await curvesViews.curve(deps.analytics, athlete, q, 'coach');
      return { ...v, notShown: curvesLeaveOut(v.withheld) };
    },

    /** CP/W′ or CS/D′ from the athlete's last 90 days, from the sources coaches may read. */
    async models(m: Member, clientId: string, sport: 'ride' | 'run') {
      const { athlete } = await sharing(m, clientId);
      const v = await curvesViews.models(deps.analytics, athlete, sport, 'coach');
      return { ...v, notShown: curvesLeaveOut(v.withheld) };
    },
  };
}

export type ClientActivityService = ReturnType<typeof createClientActivityService>;
