// The calendar as the API's JSON, shared by the athlete's route, the coach's view of a client and the
// training page's loader, so all three show the same thing.
import { activityDurationS } from '../matching';
import { presentDay } from '../plans.present';
import type { CalendarActivityRow, CalendarRead } from './calendar.service';

const presentActivity = (a: CalendarActivityRow, date: string) => ({
  id: a.id,
  name: a.name,
  sport: a.sport,
  startTime: a.startTime.toISOString(),
  date,
  durationSec: activityDurationS(a),
  movingTimeS: a.movingTimeS,
  distanceM: a.distanceM,
  load: a.load === null ? null : Math.round(a.load),
});

export const presentCalendar = (c: CalendarRead) => ({
  from: c.from,
  to: c.to,
  today: c.today,
  timeZone: c.timeZone,
  plan: c.plan,
  days: c.days.map((d) => ({
    date: d.date,
    items: d.items.map((item) =>
      item.kind === 'activity'
        ? { kind: 'activity' as const, activity: presentActivity(item.activity, d.date) }
        : {
            kind: 'workout' as const,
            workout: presentDay(item),
            activity: item.activity ? presentActivity(item.activity, d.date) : null,
            matchedBy: item.match?.source ?? null,
          },
    ),
  })),
  weeks: c.weeks.map((w) => ({
    ...w,
    planned: rounded(w.planned),
    done: rounded(w.done),
    sports: w.sports.map((s) => ({ sport: s.sport, planned: rounded(s.planned), done: rounded(s.done) })),
  })),
});

const rounded = (t: { durationSec: number; distanceM: number; load: number; count: number }) => ({
  durationSec: Math.round(t.durationSec),
  distanceM: Math.round(t.distanceM),
  load: Math.round(t.load),
  count: t.count,
});

export type CalendarJson = ReturnType<typeof presentCalendar>;
