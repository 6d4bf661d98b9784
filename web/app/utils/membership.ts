// Wording for plans, prices and allowances, read from the entitlements table (browser-safe).
import {
  ATHLETE_TIERS,
  FEATURES,
  FREE_ORG_ACTIVE_CLIENTS,
  QUOTAS,
  TIERS,
  unlockingTier,
  upgradePath,
} from '../../../worker/features/membership/browser';
import type { AthleteTier, Feature, Interval, QuotaKind, Tier } from '../../../worker/features/membership/browser';

export { ATHLETE_TIERS, FEATURES, FREE_ORG_ACTIVE_CLIENTS, QUOTAS, TIERS, unlockingTier, upgradePath };
export type { AthleteTier, Feature, Interval, QuotaKind, Tier };

const PER: Record<Interval, string> = { month: 'month', year: 'year' };

/** Whole amounts without cents ("$12"), others with ("$12.50"). */
export function formatAmount(cents: number, currency: string): string {
  const whole = cents % 100 === 0;
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: currency.toUpperCase(),
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(whole ? 0 : 2)} ${currency.toUpperCase()}`;
  }
}

/** "$12 a month", "$120 a year". */
export const formatPrice = (cents: number, currency: string, interval: Interval) => `${formatAmount(cents, currency)} a ${PER[interval]}`;

/** How many months a year's price saves against twelve monthly ones (0 when it saves nothing). */
export function monthsFree(tier: Tier): number {
  const { month, year } = TIERS[tier].prices;
  if (!month || !year) return 0;
  return Math.max(0, Math.round((month.amountCents * 12 - year.amountCents) / month.amountCents));
}

/** "5 AI coach messages a month", "1 generated training plan a month", "Unlimited generated training plans". */
export function allowanceText(kind: QuotaKind, limit: number | null): string {
  const label = QUOTAS[kind].label;
  if (limit === null) return `Unlimited ${lower(label)}`;
  const noun = limit === 1 ? lower(label).replace(/s$/, '') : lower(label);
  return `${limit.toLocaleString('en-US')} ${noun} a month`;
}

// "AI coach messages" keeps its capitals; only a leading capital word is lowered ("Generated" → "generated").
const lower = (label: string) => label.replace(/^([A-Z])([a-z])/, (_, a: string, b: string) => a.toLowerCase() + b);

/** The features a tier adds over the tier below it (what its card lists after "Everything in …"). */
export function addedFeatures(tier: AthleteTier): Feature[] {
  const i = ATHLETE_TIERS.indexOf(tier);
  const below = i > 0 ? TIERS[ATHLETE_TIERS[i - 1] as AthleteTier].features : [];
  return TIERS[tier].features.filter((f) => !below.includes(f));
}

export const athleteFeatures = () => (Object.keys(FEATURES) as Feature[]).filter((f) => FEATURES[f].scope === 'athlete');
export const orgFeatures = () => (Object.keys(FEATURES) as Feature[]).filter((f) => FEATURES[f].scope === 'org');

export const tierRank = (tier: AthleteTier) => ATHLETE_TIERS.indexOf(tier);
