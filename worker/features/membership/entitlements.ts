// The one source of truth for what each plan includes: tiers → features and monthly quotas, and the
// Stripe prices (by lookup key) that sell them. Routes, loaders, the pricing page, ADR 015 and the Stripe
// sandbox's default catalog all read this table; nothing else decides what a tier may do.
// Pure data and functions: the browser bundle imports it (through browser.ts) for the pricing page.

export const ATHLETE_TIERS = ['free', 'pro', 'elite'] as const;
export type AthleteTier = (typeof ATHLETE_TIERS)[number];
export type Tier = AthleteTier | 'team';
export type Interval = 'month' | 'year';

/** Gated capabilities. Athlete features are checked against the user's tier; org features against the org's plan. */
export const FEATURES = {
  workout_control: { label: 'Full workout control (move, edit, add)', scope: 'athlete' },
  exports: { label: 'Exports (CSV, PDF, calendar, FIT)', scope: 'athlete' },
  email_summaries: { label: 'Weekly email summaries', scope: 'athlete' },
  coach_top_model: { label: 'AI coach on the top model', scope: 'athlete' },
  race_strategy: { label: 'Race-day strategy', scope: 'athlete' },
  custom_periodization: { label: 'Custom periodization', scope: 'athlete' },
  team_clients: { label: 'More than 3 active clients', scope: 'org' },
  sms: { label: 'SMS confirmations and reminders', scope: 'org' },
  automations: { label: 'Automations', scope: 'org' },
  staff_seats: { label: 'Staff coaches', scope: 'org' },
  client_plans: { label: 'Changing clients’ training plans', scope: 'org' },
  api_keys: { label: 'API access (personal API keys)', scope: 'athlete' },
  team_api_keys: { label: 'API access for the coaching business (team API keys)', scope: 'org' },
} as const satisfies Record<string, { label: string; scope: 'athlete' | 'org' }>;
export type Feature = keyof typeof FEATURES;

/** Monthly counters (per athlete, in the athlete's time zone). */
export const QUOTAS = {
  plans_generated: { label: 'Generated training plans' },
  coach_messages: { label: 'AI coach messages' },
} as const;
export type QuotaKind = keyof typeof QUOTAS;

export interface TierDefinition {
  name: string;
  tagline: string;
  features: readonly Feature[];
  /** Monthly allowance; null = unlimited. Paid tiers' coach limits are a fair-use ceiling, not a sales figure. */
  quotas: Record<QuotaKind, number | null>;
  /** Stripe prices by interval (lookup key, amount in cents); none for Free. */
  prices: Partial<Record<Interval, { lookupKey: string; amountCents: number }>>;
  currency: 'usd';
  /** Team only: coaches in the org including the owner. */
  seats?: number;
}

const ATHLETE_PAID: readonly Feature[] = ['workout_control', 'exports', 'email_summaries', 'api_keys'];

export const TIERS: Record<Tier, TierDefinition> = {
  free: {
    name: 'Free',
    tagline: 'Every analytics view with its receipts.',
    features: [],
    quotas: { plans_generated: 1, coach_messages: 5 },
    prices: {},
    currency: 'usd',
  },
  pro: {
    name: 'Pro',
    tagline: 'Plans you fully control, a coach on call, your data out.',
    features: ATHLETE_PAID,
    quotas: { plans_generated: null, coach_messages: 300 },
    prices: {
      month: { lookupKey: 'cadence_pro_month', amountCents: 1200 },
      year: { lookupKey: 'cadence_pro_year', amountCents: 12000 },
    },
    currency: 'usd',
  },
  elite: {
    name: 'Elite',
    tagline: 'Everything in Pro, the top coach model, race-day strategy.',
    features: [...ATHLETE_PAID, 'coach_top_model', 'race_strategy', 'custom_periodization'],
    quotas: { plans_generated: null, coach_messages: 1000 },
    prices: {
      month: { lookupKey: 'cadence_elite_month', amountCents: 2400 },
      year: { lookupKey: 'cadence_elite_year', amountCents: 24000 },
    },
    currency: 'usd',
  },
  team: {
    name: 'Team',
    tagline: 'For a coaching business: unlimited clients, SMS, automations, staff.',
    features: ['team_clients', 'sms', 'automations', 'staff_seats', 'client_plans', 'team_api_keys'],
    quotas: { plans_generated: null, coach_messages: null },
    prices: {
      month: { lookupKey: 'cadence_team_month', amountCents: 4900 },
      year: { lookupKey: 'cadence_team_year', amountCents: 49000 },
    },
    currency: 'usd',
    seats: 5,
  },
};

/** Active clients an org may have without the Team plan. */
export const FREE_ORG_ACTIVE_CLIENTS = 3;

const RANK: Record<AthleteTier, number> = { free: 0, pro: 1, elite: 2 };

/** The higher of two athlete tiers (a comp and a subscription together give the better one). */
export const higherTier = (a: AthleteTier, b: AthleteTier): AthleteTier => (RANK[a] >= RANK[b] ? a : b);

export const hasFeature = (tier: Tier, feature: Feature) => TIERS[tier].features.includes(feature);

/** Tiers that see a preview of a feature they do not have: Pro sees the race card's first lines (issue 56). */
export const PREVIEWS: Partial<Record<Feature, readonly Tier[]>> = { race_strategy: ['pro'] };

/** What a tier gets of `feature`: all of it, a preview (PREVIEWS), or nothing (an upgrade prompt). */
export function featureAccess(tier: Tier, feature: Feature): 'full' | 'preview' | 'none' {
  if (hasFeature(tier, feature)) return 'full';
  return PREVIEWS[feature]?.includes(tier) ? 'preview' : 'none';
}

/** The cheapest tier that includes `feature` (what an upgrade prompt offers). */
export function unlockingTier(feature: Feature): Tier {
  if (FEATURES[feature].scope === 'org') return 'team';
  return ATHLETE_TIERS.find((t) => hasFeature(t, feature)) ?? 'elite';
}

/** Where an upgrade prompt sends the viewer for `feature`: the pricing page at the plan that has it. */
export const upgradePath = (feature: Feature): string => `/pricing#plan-${unlockingTier(feature)}`;

/** The tier and interval a Stripe price sells, by its lookup key; null for prices we do not sell. */
export function priceOf(lookupKey: string | null | undefined): { tier: Tier; interval: Interval } | null {
  if (!lookupKey) return null;
  for (const [tier, def] of Object.entries(TIERS) as [Tier, TierDefinition][])
    for (const [interval, price] of Object.entries(def.prices) as [Interval, { lookupKey: string }][])
      if (price.lookupKey === lookupKey) return { tier, interval };
  return null;
}

export interface Entitlements {
  tier: Tier;
  features: Record<Feature, boolean>;
  quotas: Record<QuotaKind, number | null>;
}

export function entitlementsOf(tier: Tier): Entitlements {
  const def = TIERS[tier];
  const features = Object.fromEntries((Object.keys(FEATURES) as Feature[]).map((f) => [f, def.features.includes(f)])) as Record<
    Feature,
    boolean
  >;
  return { tier, features, quotas: { ...def.quotas } };
}
