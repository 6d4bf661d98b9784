// The plan's ways out: a private calendar feed (a secret URL calendar apps subscribe to), a workout as a
// device file (FIT, Zwift) and the plan as a PDF. The serializers beside it are pure; this file reads
// the plan through the plan service (tenancy, matching) and turns serializer refusals into 4xx errors.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { randomToken, sha256Hex } from '../../../lib/crypto';
import { addDays, todayIn } from '../../../lib/dates';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import { athleteOf, type Athlete, thresholdsInEffect } from '../../analytics';
import type { MembershipService } from '../../membership';
import { createCalendarFeedsRepo } from './calendar-feeds.repo';
import { type ExportPlan, type ExportWorkout, ExportUnsupportedError } from './export.types';
import { ergWorkout } from './erg';
import { exportThresholds } from './export-thresholds';
import { fitWorkout } from './fit-workout';
import { icsFeed } from './ics';
import { planPdf } from './plan-pdf';
import { zwiftWorkout } from './zwo';
import { goalLabel } from '../plans.present';
import { createPlansRepo, type PlanRow, type WorkoutRow } from '../plans.repo';
import type { PlansService } from '../plans.service';
import type { StepNode, Target, WorkoutStatus } from '../plans.types';

/** How far back the feed reaches: recent weeks stay visible (with their ticks), older ones drop off. */
const FEED_WEEKS_BACK = 4;
const TOKEN_BYTES = 32;

/** A token the feed route accepts: 32 random bytes, base64url without padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const STATUS_OF: Record<string, WorkoutStatus> = { pending: 'planned', completed: 'completed', skipped: 'skipped', missed: 'missed' };

function exportWorkout(w: WorkoutRow, status?: string): ExportWorkout {
  return {
    id: w.id,
    date: w.date,
    slot: w.slot as ExportWorkout['slot'],
    sport: w.sport as ExportWorkout['sport'],
    type: w.type as ExportWorkout['type'],
    title: w.title,
    description: w.description,
    durationSec: w.durationSec,
    distanceM: w.distanceM,
    targetLoad: w.targetLoad,
    intensity: (w.intensity as Target | null) ?? null,
    // The writers read the step tree itself (ADR 055): flat stored steps are a tree already.
    steps: w.steps as StepNode[],
    phase: w.phase as ExportWorkout['phase'],
    week: w.week,
    why: w.why,
    status: status ? (STATUS_OF[status] ?? 'planned') : w.skipped ? 'skipped' : 'planned',
    revision: w.revision,
    updatedAt: w.updatedAt,
  };
}

const exportPlan = (p: PlanRow, athleteName: string, timeZone: string): ExportPlan => ({
  id: p.id,
  goalLabel: goalLabel(p),
  startDate: p.startDate,
  endDate: p.endDate,
  athleteName,
  timeZone,
});

/** "2026-03-18-vo2-intervals": the day, then the title in lower-case ASCII words. */
export function fileName(w: Pick<WorkoutRow, 'date' | 'title'>, ext: string): string {
  const slug = w.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${w.date}-${slug || 'workout'}.${ext}`;
}

export const FILE_FORMATS = ['fit', 'zwo', 'erg', 'mrc'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];
const FILE_TYPES: Record<FileFormat, string> = {
  fit: 'application/vnd.ant.fit',
  zwo: 'application/xml; charset=utf-8',
  erg: 'text/plain; charset=utf-8',
  mrc: 'text/plain; charset=utf-8',
};

export function createPlanExportsService(deps: {
  db: Db;
  clock: Clock;
  plans: Pick<PlansService, 'calendar' | 'plan' | 'active'>;
  membership: Pick<MembershipService, 'requireFeature'>;
  appOrigin: string;
  logger: Logger;
}) {
  const feeds = () => createCalendarFeedsRepo(deps.db);

  /** The plan's workouts with their status from matching, for `from`..`to` (the plan's whole span by default). */
  async function workoutsOf(a: Athlete, plan: PlanRow, from = plan.startDate, to = plan.endDate): Promise<ExportWorkout[]> {
    const days = await deps.plans.calendar(a, plan.id, from, to);
    return days.map((d) => exportWorkout(d.workout, d.compliance.status));
  }

  const unsupported = (err: unknown): never => {
    if (err instanceof ExportUnsupportedError) throw new AppError(ErrorCode.BAD_REQUEST, err.message);
    throw err;
  };

  return {
    async feedStatus(userId: string): Promise<{ active: boolean; createdAt: string | null }> {
      const live = await feeds().live(userId);
      return { active: live !== undefined, createdAt: live?.createdAt.toISOString() ?? null };
    },

    /** A new secret URL (shown once: only its hash is kept); the previous one stops working in the same transaction. */
    async createFeed(userId: string): Promise<{ url: string; createdAt: string }> {
      const token = randomToken(TOKEN_BYTES);
      const hash = await sha256Hex(token);
      const now = deps.clock.now();
      const row = await deps.db.transaction(async (tx) => {
        const r = createCalendarFeedsRepo(tx);
        await r.lock(userId);
        await r.revoke(userId, now);
        return r.insert(userId, hash, now);
      });
      deps.logger.info('calendar feed created', { userId, feedId: row.id });
      return { url: `${new URL(deps.appOrigin).origin}/api/v1/calendar-feed/${token}.ics`, createdAt: row.createdAt.toISOString() };
    },

    async revokeFeed(userId: string): Promise<void> {
      await feeds().revoke(userId, deps.clock.now());
    },

    /**
     * The feed a token names: the active plan's workouts from four weeks back to the plan's end (no
     * active plan: an empty calendar, so the subscription survives until the next plan). Unknown,
     * malformed or revoked tokens are the same 404; a lapsed subscription is ENTITLEMENT_REQUIRED.
     */
    async feed(token: string): Promise<{ ics: string; etag: string; feedId: string }> {
      const found = TOKEN_SHAPE.test(token) ? await feeds().byTokenHash(await sha256Hex(token)) : undefined;
      if (!found) throw notFound('Calendar feed');
      // Like a lapsed plan, a block keeps the feed (unblocking restores it) and says why it stopped.
      if (found.blockedAt) throw new AppError(ErrorCode.ACCOUNT_BLOCKED, 'This account is blocked. Contact support.');
      await deps.membership.requireFeature(found.user.id, 'exports');
      const a = athleteOf(found.user);
      const plan = await deps.plans.active(a.id);
      const today = todayIn(a.timeZone, deps.clock.now());
      const workouts = plan ? await workoutsOf(a, plan, maxDate(plan.startDate, addDays(today, -7 * FEED_WEEKS_BACK))) : [];
      // DTSTAMP is the latest change, not the request time, so an unchanged plan renders the same bytes (and ETag).
      const stamp = Math.max(plan?.updatedAt.getTime() ?? 0, ...workouts.map((w) => w.updatedAt.getTime()));
      const ics = icsFeed(
        plan
          ? exportPlan(plan, found.user.displayName, a.timeZone)
          : { id: 'none', goalLabel: 'No active plan', startDate: today, endDate: today, athleteName: '', timeZone: a.timeZone },
        workouts,
        { now: new Date(stamp), calendarName: 'Cadence training plan', host: new URL(deps.appOrigin).host },
      );
      return { ics, etag: `"${(await sha256Hex(ics)).slice(0, 32)}"`, feedId: found.feedId };
    },

    /** One workout as a device file. Sports or steps the format cannot carry (rest days included) are a 400 naming why. */
    async workoutFile(a: Athlete, planId: string, workoutId: string, format: FileFormat) {
      const plan = await deps.plans.plan(a.id, planId);
      const [row] = await createPlansRepo(deps.db).workouts(a.id, plan.id, [workoutId]);
      if (!row) throw notFound('Workout');
      const w = exportWorkout(row);
      const name = fileName(row, format);
      // FTP for .erg watts, and the FIT's absolute ranges: the thresholds in effect on the workout's day.
      const th = exportThresholds(await thresholdsInEffect(deps.db, a.id, row.date));
      const text = (s: string) => new TextEncoder().encode(s);
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        if (format === 'fit') bytes = new Uint8Array(fitWorkout(w, { thresholds: th }));
        else if (format === 'zwo') bytes = text(zwiftWorkout(w, th));
        else bytes = text(ergWorkout(w, format === 'erg' ? 'watts' : 'percent', th.ftpW ?? null, name));
      } catch (err) {
        return unsupported(err);
      }
      return { body: bytes, contentType: FILE_TYPES[format], fileName: name };
    },

    /**
     * The plan for the athlete's data archive (ADR 041): its calendar as ICS, and each workout as a Zwift and a
     * FIT file where the format can carry it. A right of the athlete, so no membership check.
     */
    async archiveFiles(a: Athlete, athleteName: string, planId: string): Promise<{ name: string; bytes: Uint8Array }[]> {
      const plan = await deps.plans.plan(a.id, planId);
      const workouts = await workoutsOf(a, plan);
      const stamp = Math.max(plan.updatedAt.getTime(), ...workouts.map((w) => w.updatedAt.getTime()));
      const encoder = new TextEncoder();
      const files = [
        {
          name: 'plan.ics',
          bytes: encoder.encode(
            icsFeed(exportPlan(plan, athleteName, a.timeZone), workouts, {
              now: new Date(stamp),
              calendarName: `Cadence plan: ${goalLabel(plan)}`,
              host: new URL(deps.appOrigin).host,
            }),
          ),
        },
      ];
      for (const w of workouts) {
        const base = fileName(w, 'x').slice(0, -2);
        for (const [ext, make] of [
          ['zwo', () => encoder.encode(zwiftWorkout(w))],
          ['fit', () => new Uint8Array(fitWorkout(w))],
        ] as const) {
          try {
            files.push({ name: `workouts/${base}-${w.id.slice(0, 8)}.${ext}`, bytes: make() });
          } catch (err) {
            if (!(err instanceof ExportUnsupportedError)) throw err;
          }
        }
      }
      return files;
    },

    async pdf(a: Athlete, athleteName: string, planId: string) {
      const plan = await deps.plans.plan(a.id, planId);
      const bytes = new Uint8Array(planPdf(exportPlan(plan, athleteName, a.timeZone), await workoutsOf(a, plan)));
      return { body: bytes, fileName: `${plan.startDate}-training-plan.pdf` };
    },
  };
}

const maxDate = (x: string, y: string): string => (x > y ? x : y);

export type PlanExportsService = ReturnType<typeof createPlanExportsService>;
