// What each source's wellness may feed (ADR 036's table, for health data). Every read that analyses, shares or
// sends wellness asks this, as activity reads ask the activity policy. Health data is never social, and a coach
// sees it only when the athlete shares wellness separately from training (that consent is checked where the
// coach reads; this table says the source allows it at all).
import type { DataUse } from '../../lib/access-vocabulary';
import { WELLNESS_SOURCES, type WellnessSource } from './wellness.fields';

export interface WellnessSourceRule {
  uses: Readonly<Record<DataUse, boolean>>;
  /** Shown wherever its values, or anything derived from them, are shown. */
  attribution: string | null;
  why: string;
}

const health = { owner: true, coach: true, social: false, analytics: true, ai: true } as const;

export const WELLNESS_POLICY: Readonly<Record<WellnessSource, WellnessSourceRule>> = {
  checkin: { uses: health, attribution: null, why: "The athlete's own words; shared with a coach only when they share wellness" },
  garmin: {
    uses: health,
    attribution: 'Garmin',
    why: 'Garmin Health API summaries, pushed with the athlete\'s HEALTH_EXPORT permission and their consent in Cadence; attribution "Garmin"',
  },
  polar: {
    uses: health,
    attribution: null,
    why: "Polar AccessLink sleep and Nightly Recharge, read with the athlete's consent for their own use",
  },
  garmin_export: { uses: health, attribution: null, why: "The athlete's own Garmin export archive" },
  fit: { uses: health, attribution: null, why: "The athlete's own file" },
};

const SOURCE_NAMES: Readonly<Record<WellnessSource, string>> = {
  checkin: 'You',
  garmin: 'Garmin',
  polar: 'Polar',
  garmin_export: 'Garmin export',
  fit: 'FIT file',
};

/**
 * A source as the athlete reads it: its attribution where its policy asks for one (Garmin's, ADR 071), else its
 * name. Pages and the patterns engine's labels share it, so no raw key ("garmin_export") reaches the athlete.
 */
export const wellnessSourceName = (s: string): string =>
  Object.hasOwn(WELLNESS_POLICY, s) ? (WELLNESS_POLICY[s as WellnessSource].attribution ?? SOURCE_NAMES[s as WellnessSource]) : s;

/** The sources whose wellness may feed a use (the coach use still needs the athlete's wellness sharing). */
export const wellnessSourcesFor = (use: DataUse): WellnessSource[] => WELLNESS_SOURCES.filter((s) => WELLNESS_POLICY[s].uses[use]);
