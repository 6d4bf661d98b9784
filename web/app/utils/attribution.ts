// How an activity's source is named wherever the activity is shown (lists, calendar items, the coach's views).
// Plain data and one function, so the browser bundle renders it too (SourceAttribution).

/** Each source as pages name it. */
export const SOURCE_LABELS: Record<string, string> = {
  strava: 'Strava',
  fit_upload: 'FIT file',
  garmin_export: 'Garmin export',
  gpx_upload: 'GPX file',
  tcx_upload: 'TCX file',
  manual: 'Entered by you',
  strava_archive: 'Strava archive',
  // Garmin's brand guidelines: "Garmin [device model]" beside the title, or "Garmin" where the model is not known (ADR 038).
  garmin_api: 'Garmin',
  polar_api: 'Polar Flow',
};

/** Sources whose provider asks for "<brand> [device model]" wherever their data is shown, derived views too. */
const BRANDED: Record<string, string> = { garmin_api: 'Garmin' };

/**
 * "Garmin Forerunner 965" for a Garmin activity whose device is known, "Garmin" when it is not; the source's
 * label for every other source. A device name that already starts with the brand is not doubled.
 */
export function attributionText(source: string, device?: string | null): string {
  const brand = BRANDED[source];
  const model = device?.trim();
  if (brand && model) {
    const bare = model.toLowerCase().startsWith(`${brand.toLowerCase()} `) ? model.slice(brand.length + 1).trim() : model;
    return bare ? `${brand} ${bare}` : brand;
  }
  return SOURCE_LABELS[source] ?? source;
}
