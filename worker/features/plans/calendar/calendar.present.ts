// The calendar as the API's JSON, shared by the athlete's route, the coach's view of a client and the
// training page's loader, so all three show the same thing. A day's workout carries what its card shows;
// its steps, description and why are the drawer's (presentWorkoutDetails, the page), not a month's grid.
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
  source: a.source,
  device: a.device,
});

type WorkoutItem = Extract<CalendarRead['days'][number]['items'][number], { kind: 'workout' }>;

/** What a workout's card needs: what it is, how long, and its status and compliance. */
const presentCard = (item: WorkoutItem) => {
  const d = presentDay(item);
  return {
    id: d.id,
    date: d.date,
    slot: d.slot,
    sport: d.sport,
    type: d.type,
    title: d.title,
    durationSec: d.durationSec,
    distanceM: d.distanceM,
    targetLoad: d.targetLoad,
    skipped: d.skipped,
    linkMode: d.linkMode,
    status: d.status,
    compliance: d.compliance,
    verdict: item.verdict,
    activityId: d.activityId,
  };
};

/** Every workout of the read in full (steps, description, why…) with what completed it: the drawer's. */
export const presentWorkoutDetails = (c: CalendarRead) =>
  c.days.flatMap((d) =>
    d.items.flatMap((item) =>
      item.kind === 'workout' ? [{ ...presentDay(item), activity: item.activity ? presentActivity(item.activity, d.date) : null }] : [],
    ),
  );

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
            workout: presentCard(item),
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
