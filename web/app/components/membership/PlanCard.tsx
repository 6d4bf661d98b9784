import type { ReactNode } from 'react';
import {
  addedFeatures,
  allowanceText,
  ATHLETE_TIERS,
  FEATURES,
  formatAmount,
  monthsFree,
  QUOTAS,
  TIERS,
  type AthleteTier,
  type Interval,
  type QuotaKind,
  type Tier,
} from '~/utils/membership';
import { Badge, cx, Icon } from '../ui';

/** The price of a plan for the chosen interval, with what a year saves. */
export function PlanPrice({ tier, interval }: { tier: Tier; interval: Interval }) {
  const def = TIERS[tier];
  const price = def.prices[interval];
  if (!price)
    return (
      <div className="plan-price">
        <p className="plan-amount-row">
          <span className="plan-amount">{formatAmount(0, def.currency)}</span>
        </p>
        <p className="plan-price-note">No card needed</p>
      </div>
    );
  const monthly = def.prices.month;
  const free = monthsFree(tier);
  return (
    <div className="plan-price">
      <p className="plan-amount-row">
        <span className="plan-amount">{formatAmount(price.amountCents, def.currency)}</span>
        <span className="plan-per"> a {interval}</span>
      </p>
      <p className="plan-price-note">
        {interval === 'year' && monthly
          ? `${formatAmount(Math.round(price.amountCents / 12), def.currency)} a month, billed yearly${free > 0 ? ` · ${free} months free` : ''}`
          : 'Billed monthly · cancel any time'}
      </p>
    </div>
  );
}

/** One athlete plan: name, price, the actions open to the viewer, monthly allowances and what it adds. */
export function AthletePlanCard({
  tier,
  interval,
  current,
  actions,
}: {
  tier: AthleteTier;
  interval: Interval;
  current: boolean;
  actions: ReactNode;
}) {
  const def = TIERS[tier];
  const i = ATHLETE_TIERS.indexOf(tier);
  const added = addedFeatures(tier);
  const below = i > 0 ? TIERS[ATHLETE_TIERS[i - 1] as AthleteTier].name : null;
  return (
    <li className={cx('plan-card', current && 'plan-card-current')} id={`plan-${tier}`} aria-labelledby={`plan-${tier}-name`}>
      <div className="plan-head">
        <h3 id={`plan-${tier}-name`} className="plan-name">
          {def.name}
        </h3>
        {current ? <Badge tone="success">Your plan</Badge> : null}
      </div>
      <p className="plan-tagline">{def.tagline}</p>
      <PlanPrice tier={tier} interval={interval} />
      <div className="plan-actions">{actions}</div>
      <h4 className="plan-subtitle">Each month</h4>
      <ul className="plan-list">
        {(Object.keys(QUOTAS) as QuotaKind[]).map((kind) => (
          <li key={kind}>
            <Icon name="check" className="icon icon-sm plan-check" />
            {allowanceText(kind, def.quotas[kind])}
          </li>
        ))}
      </ul>
      {added.length > 0 ? (
        <>
          <h4 className="plan-subtitle">{below ? `Everything in ${below}, plus` : 'Included'}</h4>
          <ul className="plan-list">
            {added.map((f) => (
              <li key={f}>
                <Icon name="check" className="icon icon-sm plan-check" />
                {FEATURES[f].label}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </li>
  );
}
