// Re-link or unlink a workout's match (the "the athlete can re-link or unlink"): say how it is
// linked, take the match away, hand it back to automatic matching, or pick one of the day's activities.
import { useState } from 'react';
import type { PlanWorkout } from '~/utils/plans.server';
import { minutes, SPORT_LABELS } from '~/utils/plans';
import { Button } from '../ui';

export interface DayActivity {
  id: string;
  sport: string;
  name: string | null;
  movingTimeS: number | null;
}

const LINK_LABELS = { manual: 'Linked by you', unlinked: 'Never matched' } as const;

export const activityLabel = (a: DayActivity) =>
  [a.name || SPORT_LABELS[a.sport] || a.sport, a.movingTimeS ? minutes(a.movingTimeS) : null].filter(Boolean).join(' · ');

interface Props {
  w: PlanWorkout;
  activities: DayActivity[];
  busy: boolean;
  /** Whether the viewer may change the match; otherwise only how it is matched is shown (the drawer lists re-linking locked). */
  relink: boolean;
  onRun: (text: string, path: string, body?: unknown) => void;
}

export function LinkControls({ w, activities, busy, relink, onRun }: Props) {
  const how = w.linkMode ? LINK_LABELS[w.linkMode] : w.activity ? 'Matched automatically' : 'Not matched yet';
  return (
    <section className="plan-drawer-section plan-link" aria-labelledby="plan-link-h">
      <h3 className="plan-drawer-h" id="plan-link-h">
        Matched activity
      </h3>
      <p className="plan-link-mode">{how}</p>
      {relink ? <Relink w={w} activities={activities} busy={busy} onRun={onRun} /> : null}
    </section>
  );
}

function Relink({ w, activities, busy, onRun }: Omit<Props, 'relink'>) {
  const choices = activities.filter((a) => a.id !== w.activity?.id);
  const [pick, setPick] = useState(choices[0]?.id ?? '');
  const path = `/workouts/${w.id}`;
  return (
    <>
      <div className="plan-drawer-actions">
        {w.activity ? (
          <Button variant="secondary" size="sm" disabled={busy} onClick={() => onRun(`Unlinked “${w.title}”.`, `${path}/unlink`)}>
            Not this activity
          </Button>
        ) : null}
        {w.linkMode ? (
          <Button
            variant="secondary"
            size="sm"
            disabled={busy}
            onClick={() => onRun(`“${w.title}” is matched automatically again.`, `${path}/link`, { activityId: null })}
          >
            Match automatically
          </Button>
        ) : null}
      </div>
      {choices.length > 0 ? (
        <form
          className="plan-move"
          onSubmit={(e) => {
            e.preventDefault();
            const a = choices.find((x) => x.id === pick);
            if (a) onRun(`Linked “${w.title}” to ${activityLabel(a)}.`, `${path}/link`, { activityId: a.id });
          }}
        >
          <div className="field">
            <label className="field-label" htmlFor="plan-link-pick">
              Link an activity…
            </label>
            <select id="plan-link-pick" className="input select" value={pick} onChange={(e) => setPick(e.target.value)}>
              {choices.map((a) => (
                <option key={a.id} value={a.id}>
                  {activityLabel(a)}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary" size="sm" disabled={busy || !pick}>
            Link
          </Button>
        </form>
      ) : (
        <p className="plan-link-none">{w.activity ? 'No other activity on this day to link.' : 'No activity on this day to link yet.'}</p>
      )}
    </>
  );
}
