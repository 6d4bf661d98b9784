// A new account whose history is a month from the watch plus one old file: the PMC starts at zero, so
// today's measured CTL is a fraction of the athlete's fitness. The plan must start from the recent weeks.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, daysBetween, mondayOf, todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import type { Body } from '../../../testing/bodies';
import { buildActivity } from '../../../testing/factories/activity';
import { Harness } from '../../../testing/harness';
import type { Plan } from '../plans.schema';
import type { GeneratedPlan } from '../plans.types';

/** The half marathon's long-run cap (plan-rules GOALS.run_half.longCap.run). */
const LONG_RUN_CAP = 120;

interface Preview {
  plan: GeneratedPlan;
  fitnessSource: string;
}

/** Each of the last seven days as "now": the six-week window starts on a Monday, so a rule that reads the month
 * against the window's days held on some weekdays and not others (a Friday read 9 h as 6.9 h). */
const NOWS = [0, 1, 2, 3, 4, 5, 6].map((k) => new Date(Date.now() - k * 86_400_000));

describe('plan fitness from a short history', () => {
  afterEach(() => vi.useRealTimers());

  it.each(NOWS.map((now) => [now.toISOString().slice(0, 10), now] as const))(
    'on %s a 9 h/week runner with 30 days of history gets a plan from their recent weeks, not a zero-started CTL',
    async (_day, now) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(now);
      const h = Harness.init();
      const a = await h.signup();
      const { activities } = analyticsWorld(h.db);
      const today = todayIn('UTC', new Date());
      // 30 days before today (0 = Monday): Sunday 150 min, Monday rest, else 78 min (5 × 78 + 150 = 540 min = 9 h a week).
      let minutes = 0;
      let firstDay = 0;
      for (let d = 1; d <= 30; d++) {
        const day = addDays(today, -d);
        const wd = daysBetween(mondayOf(day), day);
        if (wd === 0) continue;
        const m = wd === 6 ? 150 : 78;
        minutes += m;
        firstDay = d;
        const start = new Date(`${day}T07:00:00Z`);
        await activities.ingest(
          a.user.id,
          buildActivity({
            startTime: start,
            localStartDate: day,
            timezone: 'UTC',
            movingTimeS: m * 60,
            elapsedTimeS: m * 60 + 60,
            distanceM: m * 180,
          }),
        );
      }
      // One file from 2009 (an old upload): the PMC starts then, but it decayed to nothing long ago.
      const old = new Date('2009-06-07T08:00:00Z');
      await activities.ingest(
        a.user.id,
        buildActivity({ startTime: old, localStartDate: '2009-06-07', timezone: 'UTC', movingTimeS: 3600 }),
      );

      const request = {
        goal: { kind: 'run_half', eventName: 'Autumn Half', eventDate: addDays(today, 84) },
        availableDays: [0, 1, 2, 3, 4, 5, 6],
        longDay: 6,
        hoursPerWeek: 10,
        includeStrength: false,
      };
      const res = await h.json<Preview>('/api/v1/plans/preview', { body: request, cookie: a.cookie });
      expect(res.status).toBe(200);
      const { plan } = res.body;
      // Per week of the days from the first of the month's runs to today (day 30 may be a Monday's rest).
      const weekly = (minutes / 60) * (7 / firstDay);
      const hours = plan.weeks.map((w) => w.plannedHours);
      const longRun = (week: number) =>
        Math.max(...plan.workouts.filter((w) => w.week === week && w.sport === 'run').map((w) => w.durationSec / 60));
      const ctlStart = plan.projection[0]!.ctl;
      const ctlRace = plan.projection.at(-1)!.ctl;
      expect(res.body.fitnessSource).toBe('history');
      // Week 1 near the athlete's volume, the peak above it, the first long run at least the recent longest (150 min, under the cap).
      // Week 1 says the volume it started from, unless the athlete's 10 h limit capped it first.
      const why = plan.weeks[0]!.why.join(' ');
      const recent = /from your recent ([\d.]+) h\/week/.exec(why);
      if (recent) expect(Math.abs(Number(recent[1]) - weekly)).toBeLessThanOrEqual(0.051);
      else expect(why).toContain('your limit of 10 h a week');
      expect(hours[0]!).toBeGreaterThanOrEqual(weekly * 0.85);
      expect(Math.max(...hours)).toBeGreaterThanOrEqual(weekly);
      expect(longRun(1)).toBeGreaterThanOrEqual(Math.min(150, LONG_RUN_CAP));
      // Fitness rises through the build; the taper sheds some of it before race day, never back to a zero start's level.
      expect(Math.max(...plan.projection.map((d) => d.ctl))).toBeGreaterThan(ctlStart);
      expect(ctlRace).toBeGreaterThan(ctlStart * 0.9);
      // Saved, the plan is not at once "Rebuild plan?" against the zero-started CTL it did not use.
      const made = await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request, cookie: a.cookie });
      expect(made.status).toBe(201);
      const active = await h.json<Body<typeof Plan>>('/api/v1/plans/active', { cookie: a.cookie });
      expect(active.body).toMatchObject({ id: made.body.id, fitnessSource: 'history', rebuild: { suggested: false, reasons: [] } });
      expect(plan.rules.join(' ')).toMatch(
        /fitness \(CTL \d+\) estimated from your last \d+ weeks: your history is too short for a measured fitness/,
      );
    },
  );
});
