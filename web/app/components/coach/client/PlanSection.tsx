import { type ReactNode, useState } from 'react';
import { Button, Card, FormError, SuccessNotice } from '~/components/ui';
import { dayShort } from '~/utils/analytics-format';
import type { Units } from '~/utils/plans';
import { addDays, mondayOf, todayIn } from '../../../../../worker/lib/dates';
import { api, ApiError, useResource } from '../api';
import { SectionError, Skeleton } from '../SectionCard';
import { AddFromLibrary } from './AddFromLibrary';
import { EditWorkoutDialog } from './EditWorkoutDialog';
import { type ClientPlan, GOALS, PHASES, type Plan, type Workout, weekday } from './plan-types';
import { PlanWeek } from './PlanWeek';

/**
 * The linked client's training plan: goal, phase, weeks to go, and two weeks as a calendar (Monday first,
 * earlier and later weeks a click away). With the athlete's "may edit" and Team, library workouts are dragged
 * onto a day (or added from the keyboard), and each workout can be edited, moved (dragged or by date),
 * skipped or restored. Workouts are matched only against activities the client's data-use policy lets a
 * coach see (never Strava's).
 */
export function PlanSection({
  clientId,
  timeZone,
  team,
  shared,
  units,
}: {
  clientId: string;
  timeZone: string;
  team: boolean;
  shared: boolean;
  units: Units;
}) {
  // Not shared is an expected state, not an error: nothing is asked of the API until the athlete agrees.
  if (!shared)
    return (
      <Card id="plan" title="Training plan" className="coach-section">
        <div className="coach-section-body">
          <NotShared />
        </div>
      </Card>
    );
  return <SharedPlan clientId={clientId} timeZone={timeZone} team={team} units={units} />;
}

const NotShared = () => <p className="coach-muted">Once this client shares their training with you, their plan shows here.</p>;

function SharedPlan({ clientId, timeZone, team, units }: { clientId: string; timeZone: string; team: boolean; units: Units }) {
  const base = `/api/v1/coach/clients/${clientId}/plan`;
  const res = useResource<ClientPlan>(base);
  let body: ReactNode;
  if (res.state === 'loading') body = <Skeleton rows={4} label="Loading their plan…" />;
  // Stopped sharing since the page was opened: the training section says how to ask again.
  else if (res.state === 'error' && res.error.status === 404) body = <NotShared />;
  else if (res.state === 'error') body = <SectionError noun="client’s plan" error={res.error} onRetry={res.reload} />;
  // Workouts and templates land on the athlete's own plan; none is made up for them (ADR 060).
  else if (!res.data.plan)
    body = (
      <p className="coach-muted">
        {res.data.athleteName} has no active training plan. Once they start one in Cadence (Training → Build your plan), you can put
        workouts and templates on it here.
      </p>
    );
  else
    body = (
      <PlanWeeks
        clientId={clientId}
        base={base}
        data={res.data}
        plan={res.data.plan}
        timeZone={timeZone}
        team={team}
        units={units}
        onChanged={res.reload}
      />
    );
  return (
    <Card id="plan" title="Training plan" className="coach-section">
      <div aria-busy={res.state === 'loading' || res.refreshing ? true : undefined} className="coach-section-body">
        {body}
      </div>
    </Card>
  );
}

function PlanWeeks({
  clientId,
  base,
  data,
  plan,
  timeZone,
  team,
  units,
  onChanged,
}: {
  clientId: string;
  base: string;
  data: ClientPlan;
  plan: Plan;
  timeZone: string;
  team: boolean;
  units: Units;
  onChanged: () => void;
}) {
  const today = todayIn(timeZone, new Date());
  const current = plan.weeks.findLast((w) => w.startDate <= today) ?? plan.weeks[0];
  // Calendar weeks start on Monday whatever day the plan began.
  const [from, setFrom] = useState(() => mondayOf(today < plan.startDate ? plan.startDate : today));
  const cal = useResource<{ workouts: Workout[] }>(`${base}/calendar?from=${from}&to=${addDays(from, 13)}`);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Workout | null>(null);
  const canEdit = data.planEdit && team;
  const end = plan.goal.eventDate ?? plan.endDate;
  const weeksToGo = Math.max(0, Math.ceil((Date.parse(end) - Date.parse(today)) / (7 * 86_400_000)));
  const thisMonday = mondayOf(today);

  const done = (message: string) => {
    setError(null);
    setNotice(message);
    cal.reload();
  };
  async function change(path: string, body: unknown, message: string, method?: string): Promise<boolean> {
    setError(null);
    setNotice(null);
    try {
      await api(`${base}${path}`, { body, method });
      done(message);
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'That did not work. Please try again.');
      // A withdrawn grant or a lapsed plan: show the section as it now stands.
      if (err instanceof ApiError && (err.status === 403 || err.status === 404)) onChanged();
      return false;
    }
  }
  const titleOf = (start: string) =>
    start === thisMonday ? 'This week' : start === addDays(thisMonday, 7) ? 'Next week' : `Week of ${weekday(start)}`;

  return (
    <div className="client-plan">
      <p className="client-plan-goal">
        <strong>{GOALS[plan.goal.kind] ?? plan.goal.kind}</strong>
        {plan.goal.eventName ? ` · ${plan.goal.eventName}` : ''}
        {plan.goal.eventDate ? ` on ${dayShort(plan.goal.eventDate)}` : ''}
      </p>
      <p className="coach-list-meta">
        {current ? `Week ${current.week} of ${plan.weeks.length} · ${PHASES[current.phase] ?? current.phase}` : null}
        {` · ${weeksToGo === 0 ? 'this is the last week' : `${weeksToGo} ${weeksToGo === 1 ? 'week' : 'weeks'} to go`}`}
      </p>
      {!data.planEdit ? (
        <p className="coach-muted">{data.athleteName} can allow you to change their plan in their Cadence settings.</p>
      ) : !team ? (
        <p className="coach-muted">{data.athleteName} lets you change their plan; changing clients’ plans needs the Team plan.</p>
      ) : null}
      <SuccessNotice message={notice} />
      <FormError message={error} />
      {canEdit ? <AddFromLibrary today={today} onAdd={change} /> : null}
      <div className="client-week-nav" role="group" aria-label="Weeks shown">
        <Button size="sm" variant="secondary" onClick={() => setFrom(addDays(from, -7))} disabled={from <= mondayOf(plan.startDate)}>
          ‹ Earlier
        </Button>
        {from !== thisMonday ? (
          <Button size="sm" variant="secondary" onClick={() => setFrom(thisMonday)}>
            This week
          </Button>
        ) : null}
        <Button size="sm" variant="secondary" onClick={() => setFrom(addDays(from, 7))} disabled={addDays(from, 7) > plan.endDate}>
          Later ›
        </Button>
      </div>
      {cal.state === 'loading' ? (
        <Skeleton rows={5} label="Loading their workouts…" />
      ) : cal.state === 'error' ? (
        <SectionError noun="client’s workouts" error={cal.error} onRetry={cal.reload} />
      ) : (
        <div aria-busy={cal.refreshing || undefined}>
          {[from, addDays(from, 7)].map((start) => (
            <PlanWeek
              key={start}
              title={titleOf(start)}
              start={start}
              workouts={cal.data.workouts.filter((w) => w.sport !== 'rest')}
              clientId={clientId}
              today={today}
              plan={plan}
              canEdit={canEdit}
              onChange={change}
              onEdit={setEditing}
            />
          ))}
        </div>
      )}
      {editing ? (
        <EditWorkoutDialog
          base={base}
          w={editing}
          units={units}
          onSaved={(m) => {
            setEditing(null);
            done(m);
          }}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
