// "Current fitness" for generation and for the rebuild check: from history (analytics, the sources the
// owner-display policy allows), or from the onboarding answers when history is thin.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { daysBetween, todayIn } from '../../../lib/dates';
import type { AnalyticsService, Athlete } from '../../analytics';
import { estimatedFitness } from './estimated-fitness.calc';
import { fitnessFromAnswers, hasBaseline, type HistorySummary, isThin, THIN_HISTORY } from './intake.calc';
import { createIntakeRepo } from './intake.repo';
import { createPlansRepo } from '../plans.repo';
import type { FitnessInput } from '../plans.types';

const SPORT_OF: Record<string, keyof FitnessInput['weeklyHours']> = { run: 'run', ride: 'bike', swim: 'swim' };

export interface FitnessDeps {
  db: Db;
  clock: Clock;
  analytics: Pick<AnalyticsService, 'fitness' | 'weeks' | 'sourcesFor'>;
}

export function createPlanFitness(deps: FitnessDeps) {
  /** CTL/ATL today, average weekly hours and longest sessions of the last 6 weeks, and how much history that is. */
  async function history(a: Athlete): Promise<{ fitness: FitnessInput; summary: HistorySummary }> {
    const since = new Date(deps.clock.now().getTime() - THIN_HISTORY.weeks * 7 * 86_400_000);
    const sources = await deps.analytics.sourcesFor('analytics');
    const [f, weeks, longest] = await Promise.all([
      deps.analytics.fitness(a, 1),
      deps.analytics.weeks(a, THIN_HISTORY.weeks),
      createPlansRepo(deps.db).longestSince(a.id, sources, since),
    ]);
    // While fitness is not established the zero-started PMC reads a fraction of the athlete's fitness
    // (ADR 044): the plan starts from the recent weeks' measured load as a steady state instead.
    const estimate = f.establishment.established ? null : estimatedFitness(f.full, f.establishment.since, f.today);
    const last = estimate ?? f.series.at(-1);
    // The weeks run Monday to Sunday and the last one ends today: averaging over six whole weeks read a
    // 9 h athlete as 7.5 h on a Monday. Per week of the days before today instead (today is rarely done).
    // Rule: the days history covers run from the window's start, or from the start of the current stretch of
    // recorded training if it is later (the estimate's own start: one file from 2009 does not make a month
    // of watch data six weeks long); at least 1 week.
    const windowStart = weeks[0]?.weekStart;
    const stretch = f.establishment.since;
    const from = windowStart && stretch && stretch > windowStart ? stretch : windowStart;
    const covered = from ? daysBetween(from, todayIn(a.timeZone, deps.clock.now())) : 0;
    const perWeek = 7 / Math.max(7, covered);
    const weeklyHours = { run: 0, bike: 0, swim: 0 };
    const summary = { activities: 0, hours: 0 };
    for (const w of weeks) {
      summary.activities += w.total.count;
      summary.hours += w.total.movingS / 3600;
      for (const [sport, v] of Object.entries(w.bySport)) {
        const key = SPORT_OF[sport];
        if (key && v) weeklyHours[key] += (v.movingS / 3600) * perWeek;
      }
    }
    return {
      fitness: {
        ctl: last?.ctl ?? 0,
        atl: last?.atl ?? 0,
        weeklyHours,
        longestMinutes: { run: longest.run ?? 0, bike: longest.ride ?? 0, swim: longest.swim ?? 0 },
        source: 'history',
        ...(estimate ? { estimatedFromDays: estimate.days } : {}),
      },
      summary,
    };
  }

  return {
    history,

    /** What a new plan starts from: history, unless it is thin and the athlete answered the baseline questions. */
    async forGeneration(a: Athlete): Promise<FitnessInput> {
      const [h, answers] = await Promise.all([history(a), createIntakeRepo(deps.db).answers(a.id)]);
      if (!isThin(h.summary) || !answers || !hasBaseline(answers)) return h.fitness;
      return fitnessFromAnswers(answers, todayIn(a.timeZone, deps.clock.now()));
    },

    /** CTL on a past day as the history now known says (activities imported since count). */
    async ctlOn(a: Athlete, day: string): Promise<number | null> {
      const f = await deps.analytics.fitness(a, 1);
      return f.full.find((d) => d.date === day)?.ctl ?? (f.firstDay && f.firstDay > day ? 0 : null);
    },
  };
}

export type PlanFitness = ReturnType<typeof createPlanFitness>;
