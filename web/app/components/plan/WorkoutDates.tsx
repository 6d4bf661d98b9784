// The drawer's date pickers: move this workout to another day, or swap its whole day with another one
// (both within the plan; Pro, so the drawer shows them only when the viewer's membership includes them).
import { useState } from 'react';
import { day } from '~/utils/analytics-format';
import { Button, Field } from '../ui';

interface Props {
  date: string;
  plan: { startDate: string; endDate: string };
  busy: boolean;
  move: boolean;
  swap: boolean;
  onMove: (date: string) => void;
  onRun: (text: string, path: string, body?: unknown) => void;
}

function DateForm(props: {
  name: string;
  label: string;
  button: string;
  date: string;
  plan: Props['plan'];
  busy: boolean;
  onPick: (date: string) => void;
}) {
  const [to, setTo] = useState(props.date);
  return (
    <form
      className="plan-move"
      onSubmit={(e) => {
        e.preventDefault();
        if (to && to !== props.date) props.onPick(to);
      }}
    >
      <Field
        label={props.label}
        name={props.name}
        type="date"
        min={props.plan.startDate}
        max={props.plan.endDate}
        value={to}
        onChange={(e) => setTo(e.target.value)}
      />
      <Button type="submit" variant="secondary" size="sm" disabled={props.busy || !to || to === props.date}>
        {props.button}
      </Button>
    </form>
  );
}

export function WorkoutDates({ date, plan, busy, move, swap, onMove, onRun }: Props) {
  return (
    <div className="plan-dates">
      {move ? <DateForm name="moveTo" label="Move to…" button="Move" date={date} plan={plan} busy={busy} onPick={onMove} /> : null}
      {swap ? (
        <DateForm
          name="swapWith"
          label="Swap with…"
          button="Swap days"
          date={date}
          plan={plan}
          busy={busy}
          onPick={(to) => onRun(`Swapped ${day(date)} with ${day(to)}.`, '/swap', { from: date, to })}
        />
      ) : null}
    </div>
  );
}
