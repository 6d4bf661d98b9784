// What each source of activity data may feed, in both modes of the Strava API source (ADR 036). Every
// read that shows, shares, analyses or sends activity data asks this table, through a Policy value.
import { DATA_USES, type DataUse } from '../../../lib/access-vocabulary';
import type { ActivitySource } from '../activity.types';

// The data uses live in the access vocabulary leaf (routes declare theirs without importing activities).
export { DATA_USES, type DataUse };

/** How the Strava API source is read: `default` (as before 2026), or `strict` (the 2026 API policy). */
export const POLICY_MODES = ['default', 'strict'] as const;
export type PolicyMode = (typeof POLICY_MODES)[number];

/** What a source's raw data becomes when its connection ends. */
export type OnDisconnect = 'delete' | 'keep';

export interface SourceRule {
  uses: Readonly<Record<DataUse, boolean>>;
  /** Days raw data (streams, names, HR/power summaries) may be kept after it was fetched; null = while the account lives. */
  rawCacheDays: number | null;
  onDisconnect: OnDisconnect;
  /** What must be shown wherever its data, or anything derived from it, is shown (null: nothing required). */
  attribution: string | null;
  /** Why, in a sentence; the provider clause is cited in ADR 036 under the same source name. */
  why: string;
}

const everything = { owner: true, coach: true, social: true, analytics: true, ai: true } as const;
const own = (why: string): SourceRule => ({ uses: everything, rawCacheDays: null, onDisconnect: 'keep', attribution: null, why });

/** The sources whose rules do not depend on the mode: the athlete's own files, and the live doors' originals. */
const FIXED: Readonly<Record<Exclude<ActivitySource, 'strava'>, SourceRule>> = {
  strava_archive: own("The athlete's own files from their Strava archive: not fetched through the API, so not bound by its terms"),
  garmin_export: own("The athlete's own Garmin export"),
  fit_upload: own("The athlete's own file"),
  gpx_upload: own("The athlete's own file"),
  tcx_upload: own("The athlete's own file"),
  manual: own('Entered by the athlete'),
  garmin_api: {
    uses: everything,
    rawCacheDays: null,
    // The athlete's own device files; ending the link stops new ones (Garmin's deregistration), what came stays.
    onDisconnect: 'keep',
    attribution: 'Garmin',
    why: 'Original device files through the Garmin Connect Developer Program; attribution "Garmin" wherever shown or derived from',
  },
  polar_api: {
    uses: everything,
    rawCacheDays: null,
    onDisconnect: 'keep',
    attribution: null,
    why: 'Original exercise files through Polar AccessLink, shared by the athlete',
  },
};

/** The Strava API copy, per mode. */
const STRAVA: Readonly<Record<PolicyMode, SourceRule>> = {
  default: {
    uses: { owner: true, coach: false, social: false, analytics: true, ai: false },
    rawCacheDays: null,
    onDisconnect: 'delete',
    attribution: 'Strava',
    why: 'Strava API Agreement (2024-11): shown to the athlete it belongs to only, never in AI models; deleted when disconnected',
  },
  strict: {
    uses: { owner: true, coach: false, social: false, analytics: false, ai: false },
    rawCacheDays: 7,
    onDisconnect: 'delete',
    attribution: 'Strava',
    why: "Strava API Policy (2026): the athlete's own view only; not combined with other data, not in analytics or AI; raw data within a 7-day cache",
  },
};

/** The whole table for a mode. */
export const policyTable = (mode: PolicyMode): Readonly<Record<ActivitySource, SourceRule>> => ({ ...FIXED, strava: STRAVA[mode] });
