// The policy value a unit of work (request, job, Durable Object call) reads once and passes to every read.
import { ACTIVITY_SOURCES, type ActivitySource } from '../activity.types';
import { type DataUse, POLICY_MODES, type PolicyMode, policyTable, type SourceRule } from './policy.table';

export interface Policy {
  readonly mode: PolicyMode;
  /** May data from `source` feed `use`? */
  allows(source: ActivitySource, use: DataUse): boolean;
  /** The sources a `use` may read (what every repo query filters on). */
  sourcesFor(use: DataUse): ActivitySource[];
  /** The source's whole row (retention, disconnect, attribution, why). */
  rule(source: ActivitySource): SourceRule;
}

/** The unit of work's policy, read on first use and kept for the rest of it. */
export type PolicyRef = () => Promise<Policy>;

const built = new Map<PolicyMode, Policy>();

export function policyFor(mode: PolicyMode): Policy {
  const cached = built.get(mode);
  if (cached) return cached;
  const table = policyTable(mode);
  const bySource = new Map<DataUse, ActivitySource[]>();
  const policy: Policy = {
    mode,
    allows: (source, use) => table[source].uses[use],
    sourcesFor(use) {
      const s = bySource.get(use) ?? ACTIVITY_SOURCES.filter((src) => table[src].uses[use]);
      bySource.set(use, s);
      return [...s];
    },
    rule: (source) => table[source],
  };
  built.set(mode, policy);
  return policy;
}

/**
 * Every source some mode lets `use` read (a superset of any one mode's): a read can ask for these before the
 * unit of work's mode is known, and keep the mode's own sources after (the calendars: one round trip fewer).
 */
export const sourcesInAnyMode = (use: DataUse): ActivitySource[] => [...new Set(POLICY_MODES.flatMap((m) => policyFor(m).sourcesFor(use)))];

/** The default mode without a database read: services built outside the wiring (tests, tools, benchmarks). */
export const fixedPolicy = (): PolicyRef => async () => policyFor('default');

/** The unit of work's policy, which its first statement may already have read (`seed`, see `loadPolicyRef`). */
export type SeedablePolicyRef = PolicyRef & { seed(mode: PolicyMode): void };

/**
 * Memoizes a loader so that one unit of work reads the mode once, however many reads ask. `seed` hands it a
 * mode read alongside another statement (the session lookup): then nothing is loaded; a later seed changes nothing.
 */
export function onceRef(load: () => Promise<Policy>): SeedablePolicyRef {
  let p: Promise<Policy> | null = null;
  const ref = () => {
    p ??= load().catch((e) => {
      p = null;
      throw e;
    });
    return p;
  };
  return Object.assign(ref, {
    seed(mode: PolicyMode) {
      p ??= Promise.resolve(policyFor(mode));
    },
  });
}

/** The Strava sources' what-it-is-used-for line on the activity page, from the table. */
export function usesLine(
  policy: Policy,
  source: ActivitySource,
): { shownTo: 'you' | 'you and your coach'; aiCoach: boolean; analytics: boolean } {
  const r = policy.rule(source).uses;
  return { shownTo: r.coach ? 'you and your coach' : 'you', aiCoach: r.ai, analytics: r.analytics };
}
