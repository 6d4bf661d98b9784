import type { ReactNode } from 'react';
import { FEATURES, FREE_ORG_ACTIVE_CLIENTS, orgFeatures, TIERS, type Interval } from '~/utils/membership';
import { Badge, cx, Icon } from '../ui';
import { PlanPrice } from './PlanCard';

/** The Team plan for a coaching business: price, seats, what it unlocks, and what an org has without it. */
export function TeamPlanCard({ interval, current, children }: { interval: Interval; current: boolean; children: ReactNode }) {
  const def = TIERS.team;
  return (
    <div className={cx('plan-card plan-card-team', current && 'plan-card-current')} id="plan-team">
      <div className="plan-team-main">
        <div className="plan-head">
          <h3 className="plan-name">{def.name}</h3>
          {current ? <Badge tone="success">Your organisation's plan</Badge> : null}
        </div>
        <p className="plan-tagline">{def.tagline}</p>
        <PlanPrice tier="team" interval={interval} />
        <div className="plan-actions">{children}</div>
      </div>
      <div className="plan-team-features">
        <h4 className="plan-subtitle">Included</h4>
        <ul className="plan-list">
          {orgFeatures().map((f) => (
            <li key={f}>
              <Icon name="check" className="icon icon-sm plan-check" />
              {FEATURES[f].label}
              {f === 'staff_seats' && def.seats ? ` (up to ${def.seats} coaches, you included)` : ''}
            </li>
          ))}
        </ul>
        <p className="plan-aside">
          Without Team, a coaching business has up to {FREE_ORG_ACTIVE_CLIENTS} active clients and none of the above.
        </p>
      </div>
    </div>
  );
}
