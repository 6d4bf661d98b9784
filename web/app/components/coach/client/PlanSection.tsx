import { Link } from '@remix-run/react';
import { type ReactNode, useRef, useState } from 'react';
import { Alert, Badge, Button, type BadgeTone, Card, DateInput, FormError, LiveRegion } from '~/components/ui';
import { dayShort, weekdayMon0 } from '~/utils/analytics-format';
import { addDays, todayIn } from '../../../../../worker/lib/dates';
import { api, ApiError, useResource } from '../api';
import { SectionError, Skeleton } from '../SectionCard';
import { AddFromLibrary } from './AddFromLibrary';

interface Week {
  week: number;
  startDate: string;
  phase: string;
}
interface ClientPlan {
  athleteName: string;
  planEdit: boolean;
  plan: {
    id: string;
    goal: { kind: string; eventDate: string | null; eventName: string | null };
    startDate: string;
    endDate: string;
    weeks: Week[];
  } | null;
}
interface Workout {
  id: string;
  date: string;
  sport: string;
  title: string;
  durationSec: number;
  skipped: boolean;
  status: 'pending' | 'completed' | 'missed' | 'skipped';
  compliance: { band: 'green' | 'yellow' | 'red' | null };
}

const GOALS: Record<string, string> = {
  run_5k: '5K',
  run_10k: '10K',
  run_half: 'Half marathon',
  run_marathon: 'Marathon',
  tri_sprint: 'Sprint triathlon',
  tri_olympic: 'Olympic triathlon',
  tri_70_3: '70.3',
  tri_full: 'Full-distance triathlon',
  bike_event: 'Bike event',
  general_fitness: 'General fitness',
};
const PHASES: Record<string, string> = { base: 'Base', build: 'Build', peak: 'Peak', taper: 'Taper', recovery: 'Recovery week' };
const STATUS: Record<Workout['status'], { label: string; tone: BadgeTone } | null> = {
  pending: null,
  completed: { label: 'Done', tone: 'success' },
  missed: { label: 'Missed', tone: 'danger' },
  skipped: { label: 'Skipped', tone: 'neutral' },
};
const SPORTS: Record<string, string> = { run: 'Run', bike: 'Bike', swim: 'Swim', strength: 'Strength', brick: 'Brick' };
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** "Tue 3 Mar". */
const weekday = (ymd: string) => `${WEEKDAYS[weekdayMon0(ymd)]} ${dayShort(ymd)}`;
/** "40 min", "1 h 35 min". */
const length = (sec: number) => {
  const min = Math.round(sec / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
};
const BAND: Record<string, string> = { green: 'on target', yellow: 'a little off', red: 'well off' };

/**
 * The linked client's training plan, compact: goal, phase, weeks to go, and this week and next. With the
 * athlete's "may edit" and Team, each workout has a small menu to move, skip or restore it. Workouts are
 * matched only against activities the client's data-use policy lets a coach see (never Strava's).
 */
export function PlanSection({ clientId, timeZone, team, shared }: { clientId: string; timeZone: string; team: boolean; shared: boolean }) {
  // Not shared is an expected state, not an error: nothing is asked of the API until the athlete agrees.
  if (!shared)
    return (
      <Card id="plan" title="Training plan" className="coach-section">
        <div className="coach-section-body">
          <NotShared />
        </div>
      </Card>
    );
  return <SharedPlan clientId={clientId} timeZone={timeZone} team={team} />;
}

const NotShared = () => <p className="coach-muted">Once this client shares their training with you, their plan shows here.</p>;

function SharedPlan({ clientId, timeZone, team }: { clientId: string; timeZone: string; team: boolean }) {
  const base = `/api/v1/coach/clients/${clientId}/plan`;
  const res = useResource<ClientPlan>(base);
  let body: ReactNode;
  if (res.state === 'loading') body = <Skeleton rows={4} label="Loading their plan…" />;
  // Stopped sharing since the page was opened: the training section says how to ask again.
  else if (res.state === 'error' && res.error.status === 404) body = <NotShared />;
  else if (res.state === 'error') body = <SectionError noun="client’s plan" error={res.error} onRetry={res.reload} />;
  else if (!res.data.plan) body = <p className="coach-muted">{res.data.athleteName} has no active training plan.</p>;
  else
    body = (
      <PlanWeeks
        clientId={clientId}
        base={base}
        data={res.data}
        plan={res.data.plan}
        timeZone={timeZone}
        team={team}
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
  onChanged,
}: {
  clientId: string;
  base: string;
  data: ClientPlan;
  plan: NonNullable<ClientPlan['plan']>;
  timeZone: string;
  team: boolean;
  onChanged: () => void;
}) {
  const today = todayIn(timeZone, new Date());
  const current = plan.weeks.findLast((w) => w.startDate <= today) ?? plan.weeks[0];
  const from = current?.startDate ?? plan.startDate;
  const cal = useResource<{ workouts: Workout[] }>(`${base}/calendar?from=${from}&to=${addDays(from, 13)}`);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canEdit = data.planEdit && team;
  const end = plan.goal.eventDate ?? plan.endDate;
  const weeksToGo = Math.max(0, Math.ceil((Date.parse(end) - Date.parse(today)) / (7 * 86_400_000)));

  async function change(path: string, body: unknown, done: string): Promise<boolean> {
    setError(null);
    setNotice(null);
    try {
      await api(`${base}${path}`, { body });
      setNotice(done);
      cal.reload();
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'That did not work. Please try again.');
      // A withdrawn grant or a lapsed plan: show the section as it now stands.
      if (err instanceof ApiError && (err.status === 403 || err.status === 404)) onChanged();
      return false;
    }
  }

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
      <LiveRegion>
        {notice ? (
          <Alert tone="success" announce={false}>
            {notice}
          </Alert>
        ) : null}
      </LiveRegion>
      <FormError message={error} />
      {canEdit ? <AddFromLibrary today={today} onAdd={change} /> : null}
      {cal.state === 'loading' ? (
        <Skeleton rows={5} label="Loading their workouts…" />
      ) : cal.state === 'error' ? (
        <SectionError noun="client’s workouts" error={cal.error} onRetry={cal.reload} />
      ) : (
        [
          { title: 'This week', start: from },
          { title: 'Next week', start: addDays(from, 7) },
        ].map((wk) => {
          const days = cal.data.workouts.filter((w) => w.date >= wk.start && w.date < addDays(wk.start, 7) && w.sport !== 'rest');
          return (
            <section key={wk.title} aria-label={wk.title}>
              <h3 className="coach-subtitle">{wk.title}</h3>
              {days.length === 0 ? (
                <p className="coach-muted">No workouts.</p>
              ) : (
                <ul className="client-plan-days">
                  {days.map((w) => (
                    <WorkoutRow key={w.id} w={w} clientId={clientId} today={today} plan={plan} canEdit={canEdit} onChange={change} />
                  ))}
                </ul>
              )}
            </section>
          );
        })
      )}
    </div>
  );
}

function WorkoutRow({
  w,
  clientId,
  today,
  plan,
  canEdit,
  onChange,
}: {
  w: Workout;
  clientId: string;
  today: string;
  plan: NonNullable<ClientPlan['plan']>;
  canEdit: boolean;
  onChange: (path: string, body: unknown, done: string) => Promise<boolean>;
}) {
  const [date, setDate] = useState(w.date);
  const [busy, setBusy] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);
  const status = STATUS[w.status];
  const run = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    // Done: the menu closes and focus goes back to its button, where the keyboard left off.
    if ((await onChange(path, body, done)) && menu.current) {
      menu.current.open = false;
      menu.current.querySelector('summary')?.focus();
    }
    setBusy(false);
  };
  return (
    <li className={`client-plan-day${w.status === 'skipped' ? ' is-skipped' : ''}`}>
      <span className="client-plan-date">{weekday(w.date)}</span>
      <span className="client-plan-what">
        <span className="client-plan-title">
          {/* The workout's conversation with the client. */}
          <Link to={`/coach/clients/${clientId}/workouts/${w.id}`}>{w.title}</Link>
        </span>
        <span className="coach-list-meta">
          {SPORTS[w.sport] ?? w.sport} · {length(w.durationSec)}
          {w.status === 'completed' && w.compliance.band ? ` · ${BAND[w.compliance.band]}` : ''}{' '}
          {status ? <Badge tone={status.tone}>{status.label}</Badge> : w.date === today ? <Badge tone="info">Today</Badge> : null}
        </span>
      </span>
      {canEdit && w.status !== 'completed' ? (
        <details className="client-plan-menu" ref={menu}>
          <summary aria-label={`Change ${w.title} on ${weekday(w.date)}`}>⋯</summary>
          <div className="client-plan-menu-body">
            {w.skipped ? (
              <Button
                size="sm"
                variant="secondary"
                disabled={busy}
                onClick={() => void run(`/workouts/${w.id}/restore`, {}, `Restored ${w.title}.`)}
              >
                Restore
              </Button>
            ) : (
              <>
                <label className="client-plan-move" htmlFor={`client-move-${w.id}`}>
                  <span>Move to</span>
                  <DateInput
                    id={`client-move-${w.id}`}
                    value={date}
                    min={plan.startDate}
                    max={plan.endDate}
                    onChange={(e) => setDate(e.target.value)}
                  />
                </label>
                <Button
                  size="sm"
                  disabled={busy || date === w.date || !date}
                  onClick={() => void run(`/workouts/${w.id}/move`, { date }, `Moved ${w.title} to ${weekday(date)}.`)}
                >
                  Move
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={busy}
                  onClick={() => void run(`/workouts/${w.id}/skip`, {}, `Skipped ${w.title}.`)}
                >
                  Skip
                </Button>
              </>
            )}
          </div>
        </details>
      ) : null}
    </li>
  );
}
