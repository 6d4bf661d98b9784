import type { ReactNode } from 'react';
import { Card } from '~/components/ui';
import type { ActivityAnalysisView, Units } from '~/utils/analytics';
import { distanceFromMetres, elevation, METRES_PER, pace, signed, speed, swimPace } from '~/utils/analytics-format';
import type { loadActivityPage } from '~/utils/analytics.server';
import { formatDuration } from '~/utils/format';

type Activity = Awaited<ReturnType<typeof loadActivityPage>>['activity'];

/** Pace for foot sports, per 100 m for swims, speed for rides; nothing for the rest. */
function paceOrSpeed(a: Activity, units: Units): { label: string; value: string } | null {
  if (a.distanceM <= 0 || a.movingTimeS <= 0) return null;
  if (a.sport === 'run' || a.sport === 'walk' || a.sport === 'hike') {
    const v = pace((a.movingTimeS / a.distanceM) * METRES_PER[units], units);
    return v ? { label: 'Average pace', value: v } : null;
  }
  if (a.sport === 'swim') {
    const v = swimPace(a.distanceM, a.movingTimeS);
    return v ? { label: 'Average pace', value: v } : null;
  }
  if (a.sport === 'ride') {
    const v = speed(a.distanceM, a.movingTimeS, units);
    return v ? { label: 'Average speed', value: v } : null;
  }
  return null;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The activity's own numbers; the ones it has no data for are left out. */
export function ActivitySummaryCard({
  activity: a,
  analysis: x,
  units,
}: {
  activity: Activity;
  analysis: ActivityAnalysisView | null;
  units: Units;
}) {
  const move = paceOrSpeed(a, units);
  return (
    <Card id="summary" title="Summary">
      <dl className="activity-facts">
        <Fact label="Started">{a.startedAt}</Fact>
        {a.distanceM > 0 ? <Fact label="Distance">{distanceFromMetres(a.distanceM, units, 2)}</Fact> : null}
        <Fact label="Moving time">{formatDuration(a.movingTimeS)}</Fact>
        {a.elapsedTimeS !== a.movingTimeS ? <Fact label="Elapsed time">{formatDuration(a.elapsedTimeS)}</Fact> : null}
        {move ? <Fact label={move.label}>{move.value}</Fact> : null}
        {x?.gradedPace && a.sport === 'run' ? <Fact label="Normalized graded pace">{pace(x.gradedPace, units)}</Fact> : null}
        {a.avgHr ? <Fact label="Average HR">{Math.round(a.avgHr)} bpm</Fact> : null}
        {a.maxHr ? <Fact label="Max HR">{Math.round(a.maxHr)} bpm</Fact> : null}
        {a.avgPower ? <Fact label="Average power">{Math.round(a.avgPower)} W</Fact> : null}
        {x?.normalizedPower ? <Fact label="Normalized power">{Math.round(x.normalizedPower)} W</Fact> : null}
        {a.elevationGainM ? <Fact label="Elevation gain">{elevation(a.elevationGainM, units)}</Fact> : null}
        {x?.decouplingPct !== null && x?.decouplingPct !== undefined ? (
          <Fact label="Decoupling">{signed(x.decouplingPct, 1)} %</Fact>
        ) : null}
      </dl>
    </Card>
  );
}
