// The wizard's preview: the weeks (phases and hours), the projected fitness to race day, the rules
// used and each week's reasons. Nothing is saved until "Create plan".
import { lazy } from 'react';
import { PMC_COLORS } from '~/utils/analytics';
import { day, dayRange } from '~/utils/analytics-format';
import { formReading, PHASE_LABELS, signedNumber } from '~/utils/plans';
import { ChartFrame, ChartLegend } from '../analytics/ChartFrame';
import { Card } from '../ui';
import { PhaseBars } from './PhaseBars';
import type { FitnessPoint } from './ProjectionChart.client';

const ProjectionChart = lazy(() => import('./ProjectionChart.client').then((m) => ({ default: m.ProjectionChart })));

export interface Preview {
  startDate: string;
  endDate: string;
  weeks: { week: number; startDate: string; phase: string; plannedHours: number; plannedLoad: number; why: string[] }[];
  rules: string[];
  projection: FitnessPoint[];
  raceDayTsb: number | null;
  workoutCount: number;
  fitnessSource: string;
  /** Set when history is too short for a measured fitness: the plan starts from the recent days' steady state. */
  estimatedStart?: { ctl: number; days: number } | null;
  eventDate: string | null;
}

/** The chart in a sentence. A plan started from an estimate says so: its dashed line does not start where the solid one ends. */
function projectionSummary(p: Preview, start: FitnessPoint | undefined, end: FitnessPoint | undefined): string {
  const close = `${end ? end.ctl.toFixed(1) : '—'} on ${day(p.endDate)}; form (TSB) ${end ? signedNumber(end.tsb) : '—'} at the end.`;
  const e = p.estimatedStart;
  if (!e) return `Fitness (CTL) ${start ? `from ${start.ctl.toFixed(1)} today ` : ''}to ${close}`;
  const measured = start ? `${start.ctl.toFixed(1)} measured today, still being established` : 'still being established';
  return `Fitness (CTL): ${measured}. The plan starts from ${e.ctl.toFixed(1)}, the level your last ${e.days} days of training sustain, and reaches ${close}`;
}

export function PlanPreview({ preview: p, recent }: { preview: Preview; recent: FitnessPoint[] }) {
  const end = p.projection.at(-1);
  const start = recent.at(-1);
  return (
    <div className="plan-preview" id="preview">
      <Card
        title="Your plan, previewed"
        description={`${p.weeks.length} weeks, ${dayRange(p.startDate, p.endDate)}: ${p.workoutCount} workouts. Nothing is saved yet.`}
      >
        <PhaseBars weeks={p.weeks} />
        {p.raceDayTsb !== null && p.eventDate ? (
          <p className="plan-preview-race">
            Race day {day(p.eventDate)}: projected form <strong>{signedNumber(p.raceDayTsb)}</strong>. {formReading(p.raceDayTsb)}
          </p>
        ) : null}
        {p.fitnessSource === 'intake' || recent.length === 0 ? (
          <p className="plan-muted">
            Little training history yet, so the plan starts gently from your answers; it adapts as activities arrive.
          </p>
        ) : null}
      </Card>
      <Card title="Fitness, fatigue & form to race day" description="Your recent values solid; the plan's projection dashed.">
        <ChartFrame
          label="Chart of recent and projected fitness, fatigue and form"
          size="tall"
          summary={projectionSummary(p, start, end)}
          legend={
            <ChartLegend
              items={[
                { label: 'Fitness (CTL)', color: PMC_COLORS.ctl, shape: 'line' },
                { label: 'Fatigue (ATL)', color: PMC_COLORS.atl, shape: 'line' },
                { label: 'Form (TSB)', color: PMC_COLORS.tsb, shape: 'line' },
                { label: 'Projected', color: '#475569', shape: 'dashed' },
              ]}
            />
          }
        >
          <ProjectionChart recent={recent} projection={p.projection} raceDay={p.eventDate} />
        </ChartFrame>
      </Card>
      <Card title="The rules behind it">
        <ul className="plan-rules">
          {p.rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <details className="disclosure">
          <summary>Week by week: why each week looks the way it does</summary>
          <ol className="plan-week-whys">
            {p.weeks.map((w) => (
              <li key={w.week}>
                <strong>
                  Week {w.week} · {PHASE_LABELS[w.phase] ?? w.phase} · {w.plannedHours.toFixed(1)} h
                </strong>
                <ul>
                  {w.why.map((y) => (
                    <li key={y}>{y}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </details>
      </Card>
    </div>
  );
}
