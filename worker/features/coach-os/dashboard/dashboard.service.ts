// The coach's dashboard: every client who shares their training (or has been asked to), with this week's
// planned vs done, missed and moved workouts, form and ramp, the last activity and the plan-editing grant,
// sorted by who needs attention (attention.ts, ADR 034). Built from the plans, analytics and activities
// features' many-athlete reads, so a dashboard costs the same handful of queries for 3 athletes or 30;
// everything is read with the 'coach' data use, as the client page is (never Strava's).
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { daysBetween, todayIn } from '../../../lib/dates';
import type { ActivitiesService } from '../../activities';
import { athleteOf, type AnalyticsService, NEGATIVE_FORM_TSB, RAMP_WARN } from '../../analytics';
import type { PlanGlance } from '../../plans';
import type { Member } from '../coach-os.service';
import { type AttentionRules, byAttention } from './attention';
import { clientsWithLinks } from './dashboard.repo';

/** A week without a shared activity is "gone quiet"; two weeks, long quiet. */
export const QUIET_DAYS = 7;

export const ATTENTION_RULES: AttentionRules = { rampWarn: RAMP_WARN, deepTsb: NEGATIVE_FORM_TSB, quietDays: QUIET_DAYS };

interface Deps {
  db: Db;
  clock: Clock;
  analytics: Pick<AnalyticsService, 'currentFormOfMany'>;
  activities: Pick<ActivitiesService, 'latestOfMany'>;
  planGlance: PlanGlance;
}

export function createDashboardService(deps: Deps) {
  return {
    /**
     * The member's org's dashboard. Owner and staff coaches see the same: every client of the org is
     * theirs to coach. Only accepted links carry training; a waiting request shows who was asked.
     */
    async forMember(m: Member) {
      const rows = await clientsWithLinks(deps.db, m.org.id);
      const shared = rows.flatMap((r) =>
        r.link?.status === 'accepted' && r.athlete ? [{ ...r, link: r.link, user: r.athlete, athlete: athleteOf(r.athlete) }] : [],
      );
      const athletes = shared.map((r) => r.athlete);
      const ids = athletes.map((a) => a.id);
      const [forms, latest, weeks] = await Promise.all([
        deps.analytics.currentFormOfMany(athletes, 'coach'),
        deps.activities.latestOfMany(ids, 'coach'),
        deps.planGlance.weekOfMany(athletes, 'coach'),
      ]);
      const lastOf = new Map(latest.map((l) => [l.userId, l]));
      const now = deps.clock.now();

      const sharedRows = shared.map((r) => {
        const a = r.athlete;
        const form = forms.get(a.id) ?? null;
        const week = weeks.get(a.id) ?? null;
        const last = lastOf.get(a.id);
        const today = todayIn(a.timeZone, now);
        const daysSince = last ? Math.max(0, daysBetween(last.localStartDate, today)) : null;
        return {
          id: r.clientId,
          name: r.clientName,
          shared: true,
          missed: week?.missed ?? 0,
          moved: week?.moved ?? 0,
          // Deep fatigue and a fast ramp are not judged while the athlete's fitness is being established.
          tsb: form?.establishing === null ? form.tsb : null,
          rampRate: form?.establishing === null ? form.rampRate : null,
          daysSinceActivity: daysSince,
          row: {
            athleteName: r.user.displayName as string | null,
            sharing: 'shared' as const,
            since: (r.link.decidedAt ?? r.link.createdAt).toISOString(),
            planEdit: r.link.planEditGrantedAt !== null,
            week,
            form: form
              ? {
                  ctl: form.ctl,
                  atl: form.atl,
                  tsb: form.tsb,
                  form: form.form,
                  rampRate: form.rampRate,
                  rampWarning: form.establishing === null && form.rampRate !== null && form.rampRate > RAMP_WARN,
                  establishing: form.establishing && { daysMore: form.establishing.daysMore },
                }
              : null,
            lastActivity: last ? { id: last.id, date: last.localStartDate, sport: last.sport, name: last.name, daysAgo: daysSince! } : null,
          },
        };
      });
      const askedRows = rows.flatMap((r) =>
        r.link?.status === 'pending'
          ? [
              {
                id: r.clientId,
                name: r.clientName,
                shared: false,
                missed: 0,
                moved: 0,
                tsb: null,
                rampRate: null,
                daysSinceActivity: null,
                row: {
                  athleteName: null,
                  sharing: 'asked' as const,
                  since: r.link.createdAt.toISOString(),
                  planEdit: false,
                  week: null,
                  form: null,
                  lastActivity: null,
                },
              },
            ]
          : [],
      );
      return {
        today: todayIn(m.org.timeZone, now),
        rules: ATTENTION_RULES,
        athletes: byAttention([...sharedRows, ...askedRows], ATTENTION_RULES).map((r) => ({
          clientId: r.id,
          name: r.name,
          ...r.row,
          attention: r.attention,
        })),
        /** Active clients nobody has asked to share yet: the empty state's and the footer's "ask them". */
        notAsked: rows.filter((r) => r.link === null).length,
      };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
