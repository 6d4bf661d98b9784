import type { ReactNode } from 'react';
import { FEATURES, TIERS, unlockingTier, upgradePath, type Feature } from '~/utils/membership';
import { ButtonLink } from '../ui';

/**
 * In place of something the viewer's plan does not include: what it is, which plan has it, and a link
 * to the pricing page at that plan. The feature's label and its plan come from the entitlements table.
 */
export function UpgradePrompt({
  feature,
  name,
  plural = false,
  children,
}: {
  feature: Feature;
  /** A shorter name than the feature's label, for the heading ("Exports"). */
  name?: string;
  plural?: boolean;
  /** What the feature would do here; the feature's label when absent. */
  children?: ReactNode;
}) {
  const tier = unlockingTier(feature);
  const plan = TIERS[tier].name;
  const what = name ?? FEATURES[feature].label;
  return (
    <div className="upgrade-prompt">
      <div className="upgrade-prompt-body">
        <p className="upgrade-prompt-title">
          {what} {plural ? 'are' : 'is'} part of {plan}
        </p>
        <div className="upgrade-prompt-text">{children ?? <p>{FEATURES[feature].label}.</p>}</div>
        <ButtonLink to={upgradePath(feature)} size="sm" className="upgrade-prompt-action">
          {tier === 'team' ? 'See the Team plan' : `Upgrade to ${plan}`}
        </ButtonLink>
      </div>
    </div>
  );
}
