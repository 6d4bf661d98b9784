import type { ActivitySource } from './activity.types';

/** What a piece of activity data may be used for. Every consumer of activity data asks here first. */
export type DataUse = 'owner_display' | 'ai_context' | 'shown_to_others';

export interface SourcePolicy {
  owner_display: boolean;
  ai_context: boolean;
  shown_to_others: boolean;
  /** Days we may keep it after the connection ends or the athlete asks; null = as long as the account lives. */
  retentionDays: number | null;
  why: string;
}

// Defaults follow each provider's terms. Strava's API agreement allows showing an athlete's data to
// that athlete only and forbids its use in AI models (context windows included); files the athlete
// uploads are their own.
export const DATA_USE_POLICY: Record<ActivitySource, SourcePolicy> = {
  strava: {
    owner_display: true,
    ai_context: false,
    shown_to_others: false,
    retentionDays: 0,
    why: 'Strava API agreement: owner display only; deleted when disconnected',
  },
  garmin_export: {
    owner_display: true,
    ai_context: true,
    shown_to_others: true,
    retentionDays: null,
    why: "The athlete's own export file",
  },
  fit_upload: { owner_display: true, ai_context: true, shown_to_others: true, retentionDays: null, why: "The athlete's own file" },
  gpx_upload: { owner_display: true, ai_context: true, shown_to_others: true, retentionDays: null, why: "The athlete's own file" },
  tcx_upload: { owner_display: true, ai_context: true, shown_to_others: true, retentionDays: null, why: "The athlete's own file" },
  manual: { owner_display: true, ai_context: true, shown_to_others: true, retentionDays: null, why: 'Entered by the athlete' },
  strava_archive: {
    owner_display: true,
    ai_context: true,
    shown_to_others: true,
    retentionDays: null,
    why: "The athlete's own file from their Strava archive",
  },
  garmin_api: {
    owner_display: true,
    ai_context: true,
    shown_to_others: true,
    retentionDays: null,
    why: 'Garmin Connect (attribution required)',
  },
  polar_api: { owner_display: true, ai_context: true, shown_to_others: true, retentionDays: null, why: 'Polar AccessLink' },
};

export const mayUse = (source: ActivitySource, use: DataUse): boolean => DATA_USE_POLICY[source][use];

export const sourcesAllowedFor = (use: DataUse): ActivitySource[] =>
  (Object.keys(DATA_USE_POLICY) as ActivitySource[]).filter((s) => DATA_USE_POLICY[s][use]);

/** When the same effort comes from several sources, the row shown and counted is the most useful one:
 * detailed before summary-only, then the athlete's own files before provider copies. */
export const SOURCE_PREFERENCE: ActivitySource[] = [
  'fit_upload',
  'garmin_api',
  'polar_api',
  'strava_archive',
  'garmin_export',
  'tcx_upload',
  'gpx_upload',
  'manual',
  'strava',
];
