import type { ActivitySource } from './activity.types';

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
