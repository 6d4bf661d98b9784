// "Adjust load" for one plan week: scale its remaining workouts by a bounded percentage. The bounds are
// the API's (−50 % … +10 %); the ceiling is the 10 %-a-week growth rule the plan is already built on.
import { useState } from 'react';
import { dayShort } from '~/utils/analytics-format';
import { Button } from '../ui';
import { PlanDialog } from './PlanDialog';

const STEPS = [-50, -45, -40, -35, -30, -25, -20, -15, -10, -5, 5, 10];
const signed = (p: number) => `${p > 0 ? '+' : '−'}${Math.abs(p)} %`;

interface Props {
  week: { week: number; startDate: string; endDate: string };
  busy: boolean;
  onClose: () => void;
  onAdjust: (percent: number) => void;
}

export function AdjustLoadDialog({ week, busy, onClose, onAdjust }: Props) {
  const [percent, setPercent] = useState(-10);
  return (
    <PlanDialog title={`Adjust load · week ${week.week}`} onClose={onClose}>
      <form
        className="plan-form"
        onSubmit={(e) => {
          e.preventDefault();
          onAdjust(percent);
        }}
      >
        <p className="plan-drawer-sub">
          {dayShort(week.startDate)} – {dayShort(week.endDate)}: the week's workouts from today on get longer or shorter, with their
          distance and load. Completed, skipped and past workouts, and the race itself, stay as they are.
        </p>
        <div className="field">
          <label className="field-label" htmlFor="adjust-percent">
            Change by
          </label>
          <select
            id="adjust-percent"
            className="input select"
            value={percent}
            aria-describedby="adjust-percent-hint"
            onChange={(e) => setPercent(Number(e.target.value))}
          >
            {STEPS.map((p) => (
              <option key={p} value={p}>
                {signed(p)}
              </option>
            ))}
          </select>
          <p className="field-hint" id="adjust-percent-hint">
            Up to +10 %: training volume should grow by no more than about 10 % a week, and the plan already climbs at that rate. Down to
            −50 % for an easy or busy week.
          </p>
        </div>
        <div className="plan-form-actions">
          <Button type="submit" size="sm" disabled={busy}>
            Adjust by {signed(percent)}
          </Button>
          <Button variant="secondary" size="sm" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </PlanDialog>
  );
}

/** The weekly table's per-week button: only weeks with days still to come can change. */
export function AdjustLoadButton({ week, onOpen }: { week: number; onOpen: () => void }) {
  return (
    <Button variant="link" size="sm" className="plan-adjust" onClick={onOpen} aria-label={`Adjust week ${week}'s load`}>
      Adjust load
    </Button>
  );
}
