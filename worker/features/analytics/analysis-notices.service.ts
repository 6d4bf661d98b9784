// What the athlete is told once new activities are analysed ("analysis ready": how many, new bests, today's
// form, receipts) and when the insights engine starts flagging their load (a fast ramp, a run of negative
// form). Everything is read back through the analytics service after the rebuild that includes the new
// activities, so the notice says what the dashboard says. Never throws: the import, the ingestion job or the
// rebuild it follows already happened, and a lost notice is logged with ids.
import { addDays, daysBetween, mondayOf } from '../../lib/dates';
import type { Db } from '../../db/client';
import type { Logger } from '../../lib/logger';
import type { Notifier, NotificationData } from '../notifications';
import { type Athlete, athleteOf } from './analytics-shared';
import type { Insight, Receipt } from './analytics.types';
import type { AnalyticsService } from './analytics.service';
import { createAnalysisNoticesRepo, type NewActivityRow } from './analysis-notices.repo';
import { NEGATIVE_FORM_TSB, RAMP_WARN } from './insights/load-warnings.insight';
import type { TrainingLoadService } from './training-load.service';

/** A batch of new activities: the file import, the Strava jobs or a live door's files that brought them, and the dedupe key it makes. */
export interface AnalysisBatch {
  source: 'strava' | 'import' | 'garmin' | 'polar';
  /** Unique to the batch (an import's id, a Strava batch's first job): the same batch twice notifies once. */
  key: string;
  activityIds: string[];
}

export type AnalysisNotices = ReturnType<typeof createAnalysisNotices>;

const MAX_LISTED = 10;
const round1 = (n: number) => Math.round(n * 10) / 10;
const name200 = (s: string) => s.slice(0, 200);

/** The ISO week a date falls in, 'YYYY-Www' (the week's Thursday decides its year). */
export function isoWeek(ymd: string): string {
  const monday = mondayOf(ymd);
  const year = addDays(monday, 3).slice(0, 4);
  const week = daysBetween(mondayOf(`${year}-01-04`), monday) / 7 + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The activities behind a load warning: the ten that carried most load, in date order. */
function loadReceipts(receipts: Receipt[]) {
  const load = (r: Receipt) => Number(r.values.load ?? 0);
  return [...receipts]
    .sort((x, y) => load(y) - load(x))
    .slice(0, MAX_LISTED)
    .sort((x, y) => x.date.localeCompare(y.date))
    .map((r) => ({ id: r.activityId, name: name200(r.name), startDate: r.date }));
}

export function createAnalysisNotices(deps: {
  db: Db;
  logger: Logger;
  analytics: Pick<AnalyticsService, 'personalBests' | 'fitnessTimeline' | 'insights' | 'sourcesFor'>;
  trainingLoad: Pick<TrainingLoadService, 'settle'>;
  notifications: Notifier;
}) {
  const repo = createAnalysisNoticesRepo(deps.db);

  async function athlete(userId: string): Promise<Athlete | null> {
    const row = await repo.athleteRow(userId);
    return row ? athleteOf(row) : null;
  }

  async function analysisData(a: Athlete, batch: AnalysisBatch, fresh: NewActivityRow[]): Promise<NotificationData<'analysis.ready'>> {
    const ids = new Set(fresh.map((r) => r.id));
    const [bests, timeline] = await Promise.all([deps.analytics.personalBests(a), deps.analytics.fitnessTimeline(a, 1)]);
    // A best is new when the all-time best at its distance now belongs to one of these activities.
    const newBests = bests.run
      .filter((d) => d.allTime && ids.has(d.allTime.receipt.activityId) && d.allTime.timeS > 0)
      .slice(0, MAX_LISTED)
      .map((d) => ({ label: d.label, seconds: round1(d.allTime!.timeS), activityId: d.allTime!.receipt.activityId }));
    const now = timeline.current;
    return {
      source: batch.source,
      activityCount: fresh.length,
      newBests,
      // No form line while fitness is being established: a day-one "Form −45" is the zero start speaking.
      form: now && !now.establishing ? { date: timeline.today, ctl: round1(now.ctl), atl: round1(now.atl), tsb: round1(now.tsb) } : null,
      receipts: fresh.slice(0, MAX_LISTED).map((r) => ({ id: r.id, name: name200(r.name), startDate: r.date })),
    };
  }

  /**
   * The insights engine's load warnings active today. A fast ramp is told once per ISO week, a run of negative
   * form once per run (keyed by the day it started): a warning already told stays quiet while it lasts.
   */
  async function warnLoad(a: Athlete): Promise<void> {
    const insights = (await deps.analytics.insights(a)).filter((i): i is Insight => i.status === 'ok');
    const ramp = insights.find((i) => i.kind === 'ramp_rate');
    if (ramp && ramp.numbers.ramp !== undefined)
      await deps.notifications.notify({
        userId: a.id,
        type: 'load.warning',
        dedupeKey: `load.warning:ramp:${a.id}:${isoWeek(ramp.window.to)}`,
        data: {
          kind: 'ramp',
          date: ramp.window.to,
          value: round1(ramp.numbers.ramp),
          threshold: RAMP_WARN,
          receipts: loadReceipts(ramp.receipts),
        },
      });
    const form = insights.find((i) => i.kind === 'negative_form');
    if (form && form.numbers.tsbToday !== undefined)
      await deps.notifications.notify({
        userId: a.id,
        type: 'load.warning',
        dedupeKey: `load.warning:negative_form:${a.id}:${form.window.from}`,
        data: {
          kind: 'negative_form',
          date: form.window.to,
          value: round1(form.numbers.tsbToday),
          threshold: NEGATIVE_FORM_TSB,
          days: form.numbers.days,
          receipts: loadReceipts(form.receipts),
        },
      });
  }

  const failed = (what: string, userId: string, err: unknown, extra: Record<string, string> = {}) =>
    deps.logger.error(what, { userId, ...extra, errorName: err instanceof Error ? err.name : 'unknown' });

  return {
    /**
     * New activities are in: run the athlete's pending rebuild (an estimate they moved) so the figures are
     * final, then tell what changed and any load warning that became active. No notice for a batch that
     * brought nothing new (a re-import, copies of activities already there).
     */
    async analysed(userId: string, batch: AnalysisBatch): Promise<void> {
      try {
        await deps.trainingLoad.settle(userId);
      } catch (err) {
        // The cron rebuilds it within the minute; until then these are the numbers the dashboard shows too.
        failed('analysis rebuild failed', userId, err, { batch: batch.key });
      }
      try {
        const a = await athlete(userId);
        const fresh = await repo.newActivities(userId, batch.activityIds, await deps.analytics.sourcesFor('analytics'));
        const dedupeKey = `analysis.ready:${batch.key}`;
        // Support's answer to "why was I not told?": a batch with nothing new says so here.
        deps.logger.info('analysis notice', { userId, dedupeKey, count: fresh.length });
        if (!a || fresh.length === 0) return;
        await deps.notifications.notify({ userId, type: 'analysis.ready', dedupeKey, data: await analysisData(a, batch, fresh) });
        await warnLoad(a);
      } catch (err) {
        failed('analysis notice failed', userId, err, { batch: batch.key });
      }
    },

    /** After a rebuild the cron ran for an athlete: their load warnings, on the rebuilt numbers. */
    async loadWarnings(userId: string): Promise<void> {
      try {
        const a = await athlete(userId);
        if (a) await warnLoad(a);
      } catch (err) {
        failed('load warning failed', userId, err);
      }
    },
  };
}
