// The proposal's effect: before → after for each affected workout, and the forecast of load and form.
import { day, dayShort, signed } from '~/utils/analytics-format';
import { minutes, type ProposalView, type WorkoutBrief } from '~/utils/ai-coach';
import { cx } from '../ui';

function Workout({ w, side }: { w: WorkoutBrief | null; side: 'Before' | 'After' }) {
  if (!w)
    return (
      <div className="coach-diff-side coach-diff-none">
        <span className="coach-diff-label">{side}</span>
        {side === 'Before' ? 'Not in your plan' : 'Removed'}
      </div>
    );
  return (
    <div className={cx('coach-diff-side', w.skipped && 'is-skipped')}>
      <span className="coach-diff-label">
        {side}
        {w.skipped ? ' · skipped' : ''}
      </span>
      <span className="coach-diff-title">{w.title}</span>
      <span className="coach-diff-meta">
        {day(w.date)} · {minutes(w.durationMin)} · load {Math.round(w.targetLoad)}
      </span>
    </div>
  );
}

export function ProposalDiff({ diff }: { diff: ProposalView['diff'] }) {
  return (
    <ul className="coach-diff">
      {diff.map((row) => (
        <li key={row.workoutId} className="coach-diff-row">
          <Workout w={row.before} side="Before" />
          <span className="coach-diff-arrow" aria-hidden="true">
            →
          </span>
          <Workout w={row.after} side="After" />
        </li>
      ))}
    </ul>
  );
}

export function Forecast({ forecast }: { forecast: ProposalView['forecast'] }) {
  const { weeks, formBefore, formAfter } = forecast;
  if (!weeks.length && formBefore === null) return null;
  return (
    <div className="coach-forecast">
      <p className="coach-forecast-h">What it does to your load</p>
      <ul>
        {weeks.map((w) => (
          <li key={w.weekStart}>
            Week of {dayShort(w.weekStart)}: planned load {Math.round(w.loadBefore)} → <strong>{Math.round(w.loadAfter)}</strong>
          </li>
        ))}
        {formBefore !== null && formAfter !== null ? (
          <li>
            Form by the last changed day: {signed(formBefore, 0)} → <strong>{signed(formAfter, 0)}</strong>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/** One line per change, for the apply receipt: "Tue 24 Nov: Tempo run → Easy run, 50 min → 35 min". */
export function changeLine(before: WorkoutBrief | null, after: WorkoutBrief | null): string {
  if (!before && after) return `${day(after.date)}: added ${after.title} (${minutes(after.durationMin)})`;
  if (before && !after) return `${day(before.date)}: removed ${before.title}`;
  if (!before || !after) return '';
  if (!before.skipped && after.skipped) return `${day(before.date)}: ${before.title} skipped`;
  if (before.skipped && !after.skipped) return `${day(after.date)}: ${after.title} restored`;
  const parts: string[] = [];
  if (before.date !== after.date) parts.push(`moved to ${day(after.date)}`);
  if (before.durationMin !== after.durationMin) parts.push(`${minutes(before.durationMin)} → ${minutes(after.durationMin)}`);
  if (Math.round(before.targetLoad) !== Math.round(after.targetLoad))
    parts.push(`load ${Math.round(before.targetLoad)} → ${Math.round(after.targetLoad)}`);
  const what = before.title === after.title ? before.title : `${before.title} → ${after.title}`;
  return `${day(before.date)}: ${what}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
