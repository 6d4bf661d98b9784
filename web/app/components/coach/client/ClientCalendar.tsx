// A linked client's training calendar in the coach's console: the athlete's own calendar component, fed
// by the coach's endpoint (only activities others may see), read-only. Its view and date live in the
// page's address (?cal=month&day=…), beside whatever else the page keeps there.
import { useSearchParams } from '@remix-run/react';
import { PlanCalendar } from '~/components/plan/PlanCalendar';
import { TrainingToolbar } from '~/components/plan/TrainingToolbar';
import type { CalendarView } from '~/utils/calendar';
import { isDay, planRange, type PlanView, type Units } from '~/utils/plans';
import { todayIn } from '../../../../../worker/lib/dates';
import { useResource } from '../api';
import { SectionError, Skeleton } from '../SectionCard';

export function ClientCalendar({
  clientId,
  name,
  units,
  timeZone,
  notShared,
}: {
  clientId: string;
  name: string;
  units: Units;
  timeZone: string;
  /** Their activities the coach may not see (Strava's): a workout done with one reads as missed here. */
  notShared: number;
}) {
  const [params] = useSearchParams();
  const today = todayIn(timeZone, new Date());
  const view: PlanView = params.get('cal') === 'month' ? 'month' : 'week';
  const asked = params.get('day');
  const range = planRange(view, isDay(asked) ? asked : today);
  const res = useResource<CalendarView>(`/api/v1/coach/clients/${clientId}/calendar?from=${range.from}&to=${range.to}`);
  const href = (v: PlanView, d: string) => {
    const next = new URLSearchParams(params);
    next.set('cal', v);
    next.set('day', d);
    return `?${next}`;
  };
  return (
    <section className="client-calendar" aria-labelledby="client-calendar-h">
      <h3 className="coach-subtitle" id="client-calendar-h">
        Calendar
      </h3>
      <TrainingToolbar range={range} today={res.data?.today ?? today} href={href} />
      {notShared > 0 ? (
        <p className="coach-muted">Their Strava activities are not shown, so a workout they did with one reads as missed here.</p>
      ) : null}
      {res.state === 'loading' ? (
        <Skeleton rows={4} label="Loading their calendar…" />
      ) : res.state === 'error' ? (
        <SectionError noun="client’s calendar" error={res.error} onRetry={res.reload} />
      ) : (
        <div className="plan-frame" aria-busy={res.refreshing || undefined}>
          <PlanCalendar
            range={range}
            calendar={res.data}
            units={units}
            label={`${name}’s training calendar`}
            activityHref={(id) => `/coach/clients/${clientId}/activities/${id}`}
          />
        </div>
      )}
    </section>
  );
}
