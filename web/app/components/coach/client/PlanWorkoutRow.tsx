import { Link } from '@remix-run/react';
import { useRef, useState } from 'react';
import { Badge, Button, DateInput } from '~/components/ui';
import { DRAG_TYPE, type Dragged, length, type OnChange, type Plan, SPORTS, statusBadge, type Workout, weekday } from './plan-types';

/**
 * One workout of the client's plan: its title (the conversation on it), sport, time and status; with the
 * athlete's "may edit" and Team, a small menu to edit, move, skip or restore it, and a drag handle to move
 * it onto another day of the week calendar.
 */
export function PlanWorkoutRow({
  w,
  clientId,
  today,
  plan,
  canEdit,
  onChange,
  onEdit,
}: {
  w: Workout;
  clientId: string;
  today: string;
  plan: Plan;
  canEdit: boolean;
  onChange: OnChange;
  onEdit: (w: Workout) => void;
}) {
  const [date, setDate] = useState(w.date);
  const [busy, setBusy] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);
  const status = statusBadge(w);
  const movable = canEdit && w.status !== 'completed' && !w.skipped;
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
    <li
      className={`client-plan-day${w.status === 'skipped' ? ' is-skipped' : ''}${movable ? ' is-draggable' : ''}`}
      draggable={movable || undefined}
      onDragStart={
        movable
          ? (e) => {
              const d: Dragged = { kind: 'planned', id: w.id, title: w.title, date: w.date };
              e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(d));
              e.dataTransfer.setData('text/plain', d.title);
              e.dataTransfer.effectAllowed = 'move';
            }
          : undefined
      }
    >
      <span className="client-plan-date">{weekday(w.date)}</span>
      <span className="client-plan-what">
        <span className="client-plan-title">
          {/* The workout's conversation with the client. */}
          <Link to={`/coach/clients/${clientId}/workouts/${w.id}`}>{w.title}</Link>
        </span>
        <span className="coach-list-meta">
          {SPORTS[w.sport] ?? w.sport} · {length(w.durationSec)}{' '}
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
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={busy}
                  onClick={() => {
                    if (menu.current) menu.current.open = false;
                    onEdit(w);
                  }}
                >
                  Edit
                </Button>
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
