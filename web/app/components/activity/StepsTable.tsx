// "How each step went": a structured workout's steps against the activity that completed it (ADR 062) —
// step, target, what was done, time in range, verdict — with the overall verdict from the steps. On the
// activity page and in the planned workout's drawer; at 360 px each step is a small card (intervals.css).
import { Badge } from '~/components/ui';
import type { Units } from '~/utils/analytics';
import { BAND_LABELS } from '~/utils/plans';
import { useActivityReader } from './activity-reader';
import {
  alignedText,
  inRangeText,
  plannedLength,
  type StepsView,
  stepActual,
  stepName,
  stepTarget,
  UNALIGNED_TEXT,
  VERDICT_LABELS,
  VERDICT_TONES,
} from '~/utils/step-compliance';

const TONE = { green: 'success', yellow: 'warning', red: 'danger' } as const;

export function StepsTable({
  steps: v,
  units,
  sport,
  headingClass,
}: {
  steps: StepsView;
  units: Units;
  sport: string;
  headingClass?: string;
}) {
  const reader = useActivityReader();
  if (!v.alignedBy || !v.overall)
    return (
      <section className="steps-went" aria-label="How each step went">
        <h3 className={headingClass ?? 'steps-went-h'}>How each step went</h3>
        <p className="note">{v.unaligned ? UNALIGNED_TEXT[v.unaligned] : UNALIGNED_TEXT.no_data}</p>
      </section>
    );
  const done = v.steps.filter((s) => s.verdict !== 'skipped').length;
  return (
    <section className="steps-went" aria-label="How each step went">
      <h3 className={headingClass ?? 'steps-went-h'}>How each step went</h3>
      <p className="intervals-summary" data-testid="steps-overall">
        Overall: <Badge tone={TONE[v.overall.band]}>{BAND_LABELS[v.overall.band]}</Badge>{' '}
        <span className="muted">
          ({Math.round(v.overall.score * 100)} % of the planned time on target · {done} of {v.steps.length} steps done)
        </span>
      </p>
      <table className="table reps-table steps-table">
        <caption className="visually-hidden">Each step of the planned workout against what was done</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" className="num">
              Target
            </th>
            <th scope="col" className="num">
              Actual
            </th>
            <th scope="col" className="num">
              In range
            </th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {v.steps.map((s) => (
            <tr key={s.step} data-step={s.step} className={s.verdict === 'skipped' ? 'reps-missed' : undefined}>
              <th scope="row">
                {stepName(s)} <span className="muted">{plannedLength(s, units)}</span>
              </th>
              <td data-label="Target" className="num">
                {stepTarget(s, units, sport)}
              </td>
              <td data-label="Actual" className="num">
                {stepActual(s, units, sport)}
              </td>
              <td data-label="In range" className="num">
                {inRangeText(s)}
              </td>
              <td data-label="Result">
                <Badge tone={VERDICT_TONES[s.verdict]}>{VERDICT_LABELS[s.verdict]}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">{alignedText(v, reader.kind)}</p>
    </section>
  );
}
