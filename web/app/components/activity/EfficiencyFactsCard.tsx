import type { EfficiencyView } from '~/utils/activity-curve';
import { fixed, signed } from '~/utils/analytics-format';
import { Card } from '../ui';

/** Efficiency factor and aerobic decoupling as they stand for this activity, each with how it is computed. */
export function EfficiencyFactsCard({ e }: { e: EfficiencyView }) {
  return (
    <Card id="efficiency" title="Efficiency and decoupling">
      <dl className="efficiency-facts">
        <div>
          <dt>Efficiency factor</dt>
          <dd data-testid="ef-value">{e.ef === null ? <span className="muted">{e.efMissing}</span> : `${fixed(e.ef, 2)} ${e.efUnit}`}</dd>
          <dd className="muted">{e.efHow}</dd>
        </div>
        <div>
          <dt>Aerobic decoupling</dt>
          <dd data-testid="decoupling-value">
            {e.decouplingPct === null ? (
              <span className="muted">{e.decouplingMissing}</span>
            ) : (
              <>
                {signed(e.decouplingPct, 1)} %{' '}
                <span className="muted">
                  {Math.abs(e.decouplingPct) < 5 ? '— aerobically steady' : '— heart rate drifted: not aerobically steady'}
                </span>
              </>
            )}
          </dd>
          <dd className="muted">{e.decouplingHow}</dd>
        </div>
      </dl>
    </Card>
  );
}
